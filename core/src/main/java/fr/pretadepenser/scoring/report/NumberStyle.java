package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.explain.Language;

import java.util.Locale;

/**
 * How a document writes numbers for its readers: the English notes' way ({@code 0.7412}, {@code 12.3%},
 * {@code 30,000}) or the French deck's ({@code 0,7412}, {@code 12,3 %}, {@code 30 000}).
 */
public enum NumberStyle {
    /** The English reports': dot decimals, comma thousands, percent sign attached. */
    ENGLISH(Locale.ROOT, ""),
    /** French: comma decimals, space thousands, a space before the percent sign. */
    FRENCH(Locale.FRANCE, NBSP());

    private final Locale locale;
    private final String beforePercent;

    NumberStyle(Locale locale, String beforePercent) {
        this.locale = locale;
        this.beforePercent = beforePercent;
    }

    // A method, not a constant: an enum's constructor arguments cannot read the enum's own static fields.
    private static String NBSP() {
        return "\u00a0";
    }

    /** The style of a language. */
    public static NumberStyle of(Language language) {
        return language == Language.EN ? ENGLISH : FRENCH;
    }

    /** A number with a fixed count of decimals ("n/a" for NaN). */
    public String number(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : pdfSafe(String.format(locale, "%." + decimals + "f", value));
    }

    /** A share as a percentage with {@code decimals} decimals. */
    public String percent(double share, int decimals) {
        return Double.isNaN(share) ? "n/a" : number(100 * share, decimals) + beforePercent + "%";
    }

    /** A number rounded to a whole one, with thousands separators. */
    public String whole(double value) {
        return pdfSafe(String.format(locale, "%,.0f", value));
    }

    /** A count with thousands separators. */
    public String count(long value) {
        return pdfSafe(String.format(locale, "%,d", value));
    }

    /**
     * Java writes French thousands with a narrow no-break space (U+202F), which the PDF's standard fonts lack; the
     * ordinary no-break space is in them and reads the same.
     */
    private static String pdfSafe(String text) {
        return text.replace('\u202f', '\u00a0');
    }
}
