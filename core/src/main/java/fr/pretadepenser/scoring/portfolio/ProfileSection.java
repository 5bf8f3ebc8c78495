package fr.pretadepenser.scoring.portfolio;

import java.util.List;

/**
 * A group of application values that belong together on screen.
 *
 * @param key    a stable name for code: {@code identity}, {@code employment}, {@code loan}, {@code housing},
 *               {@code building}, {@code scores}, {@code contact}, {@code enquiries} or {@code other}
 * @param title  the section's title in the requested language
 * @param fields its values in a reading order
 */
public record ProfileSection(String key, String title, List<ClientField> fields) {

    /** Copies the fields so that a section cannot change. */
    public ProfileSection {
        fields = List.copyOf(fields);
    }
}
