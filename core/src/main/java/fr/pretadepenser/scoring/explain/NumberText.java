package fr.pretadepenser.scoring.explain;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Numbers written for people in each language, as {@link String#format} would write them (half-up rounding, the
 * language's grouping and decimal marks) but with formats made once per thread: the API writes eight reason
 * sentences per score, and parsing a format string each time was a quarter of a score's CPU time.
 */
final class NumberText {

    // DecimalFormat is not thread-safe; one set per thread and language.
    private static final ThreadLocal<Map<String, DecimalFormat>> FORMATS = ThreadLocal.withInitial(HashMap::new);

    private NumberText() {
    }

    /** {@code value} written with a {@link DecimalFormat} pattern, e.g. {@code #,##0} or {@code 0.00}. */
    static String format(double value, String pattern, Language language) {
        DecimalFormat format = FORMATS.get().computeIfAbsent(language.name() + pattern, key -> {
            Locale locale = language == Language.EN ? Locale.UK : Locale.FRANCE;
            DecimalFormat made = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(locale));
            made.setRoundingMode(RoundingMode.HALF_UP);
            return made;
        });
        return format.format(value);
    }
}
