package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.explain.Language;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads and checks a request's query and path parameters, collecting every problem so that one 400 answer lists
 * them all ({@link #check()}).
 */
final class QueryParameters {

    private final Context ctx;
    private final List<ApiError.Detail> problems = new ArrayList<>();

    QueryParameters(Context ctx) {
        this.ctx = ctx;
    }

    /** An integer query parameter in [min, max], or the default when absent. */
    int integer(String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                problems.add(new ApiError.Detail("query." + name, String.format(Locale.ROOT,
                        "expected a whole number from %d to %d, got %d", min, max, value)));
            }
            return Math.max(min, Math.min(max, value));
        } catch (NumberFormatException e) {
            problems.add(new ApiError.Detail("query." + name, String.format(Locale.ROOT,
                    "expected a whole number from %d to %d, got '%s'", min, max, shorten(raw))));
            return fallback;
        }
    }

    /** An optional client id query parameter (a positive whole number). */
    OptionalLong clientId(String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return OptionalLong.empty();
        }
        return parseId(raw, "query." + name);
    }

    /** The client id of the path ({id}); 400 at once when it is not a positive whole number. */
    long pathClientId() {
        OptionalLong id = parseId(ctx.pathParam("id"), "path.id");
        check();
        return id.orElseThrow();
    }

    /** A text query parameter, or null when absent or empty. */
    String text(String name, int maxLength) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > maxLength) {
            problems.add(new ApiError.Detail("query." + name, "at most " + maxLength + " characters expected"));
            return null;
        }
        return raw.trim();
    }

    /** The language of sentences: {@code ?lang=fr|en}, else the first of Accept-Language we speak, else French. */
    Language language() {
        String raw = ctx.queryParam("lang");
        if (raw != null && !raw.isEmpty()) {
            Language language = languageOf(raw);
            if (language == null) {
                problems.add(new ApiError.Detail("query.lang", "expected 'fr' or 'en', got '" + shorten(raw) + "'"));
                return Language.FR;
            }
            return language;
        }
        String accept = ctx.header("Accept-Language");
        if (accept != null) {
            for (String range : accept.split(",")) {
                Language language = languageOf(range.split(";")[0].trim());
                if (language != null) {
                    return language;
                }
            }
        }
        return Language.FR;
    }

    /** Records a problem found by the caller. */
    void problem(String field, String problem) {
        problems.add(new ApiError.Detail(field, problem));
    }

    /** Throws a 400 listing every problem found so far. */
    void check() {
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
    }

    private OptionalLong parseId(String raw, String field) {
        try {
            long id = Long.parseLong(raw.trim());
            if (id > 0) {
                return OptionalLong.of(id);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new ApiError.Detail(field, "expected a client id (SK_ID_CURR, a positive whole number), got '"
                + shorten(raw) + "'"));
        return OptionalLong.empty();
    }

    private static Language languageOf(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        if (t.equals("fr") || t.startsWith("fr-")) {
            return Language.FR;
        }
        if (t.equals("en") || t.startsWith("en-")) {
            return Language.EN;
        }
        return null;
    }

    private static String shorten(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }
}
