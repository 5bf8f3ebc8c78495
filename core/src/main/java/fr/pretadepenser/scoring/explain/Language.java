package fr.pretadepenser.scoring.explain;

import java.util.Locale;

/** The languages explanations are written in: French (the default) and English. */
public enum Language {
    /** Français. */
    FR,
    /** English. */
    EN;

    /** The language for a tag such as {@code en}, {@code en-GB} or {@code fr-FR}; French for anything else. */
    public static Language of(String tag) {
        return tag != null && tag.trim().toLowerCase(Locale.ROOT).startsWith("en") ? EN : FR;
    }
}
