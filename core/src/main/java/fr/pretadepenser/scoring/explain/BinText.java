package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.model.scorecard.ScorecardBin;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.stream.Collectors;

/**
 * A scorecard bin written for people in a language: a numeric interval with the language's number marks and
 * rounded bounds ("]0,0732 ; 0,455]" in French, "(0.0732, 0.455]" in English), a group of categories by their labels.
 *
 * <p>The bin's own label ({@link ScorecardBin#label()}) stays the exact, language-free name the model files and the
 * API's {@code bin} field keep.
 */
public final class BinText {

    // Three significant digits tell the cells apart in practice; more are added only when two bounds would read alike.
    private static final int DIGITS = 3;
    private static final int MAX_DIGITS = 8;

    private BinText() {
    }

    /** The bin of {@code table.variable} as people read it in {@code language}. */
    public static String of(String table, String variable, ScorecardBin bin, Language language, VariableLabels labels) {
        boolean en = language == Language.EN;
        if (bin.missing()) {
            return en ? "not known" : "non renseigné";
        }
        if (!bin.categories().isEmpty()) {
            return bin.categories().stream().map(c -> labels.category(table, variable, c, language))
                    .collect(Collectors.joining(en ? "; " : " ; "));
        }
        return interval(bin.lower(), bin.upper(), language);
    }

    /** The interval (lower, upper] with either bound possibly open (null). */
    static String interval(Double lower, Double upper, Language language) {
        boolean en = language == Language.EN;
        if (lower == null && upper == null) {
            return en ? "all values" : "toutes valeurs";
        }
        int digits = DIGITS;
        while (lower != null && upper != null && digits < MAX_DIGITS
                && rounded(lower, digits).compareTo(rounded(upper, digits)) == 0) {
            digits++;
        }
        if (lower == null) {
            return (en ? "up to " : "jusqu'à ") + number(upper, digits, language);
        }
        if (upper == null) {
            return (en ? "over " : "plus de ") + number(lower, digits, language);
        }
        // The French convention writes a half-open interval ]a ; b], the English one (a, b].
        return en ? "(" + number(lower, digits, language) + ", " + number(upper, digits, language) + "]"
                : "]" + number(lower, digits, language) + " ; " + number(upper, digits, language) + "]";
    }

    private static BigDecimal rounded(double value, int digits) {
        BigDecimal exact = BigDecimal.valueOf(value);
        // Whole numbers of three digits or more (amounts, days) keep every digit of their integer part.
        int integerDigits = exact.precision() - exact.scale();
        return exact.round(new MathContext(Math.max(digits, integerDigits), RoundingMode.HALF_UP))
                .stripTrailingZeros();
    }

    private static String number(double value, int digits, Language language) {
        BigDecimal shown = rounded(value, digits);
        int decimals = Math.max(0, shown.scale());
        StringBuilder pattern = new StringBuilder("#,##0");
        if (decimals > 0) {
            pattern.append('.').append("0".repeat(decimals));
        }
        return NumberText.format(shown.doubleValue(), pattern.toString(), language);
    }
}
