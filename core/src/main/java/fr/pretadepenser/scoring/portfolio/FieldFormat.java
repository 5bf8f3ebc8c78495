package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.VariableLabels;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes one application value for people: its label, unit and shown text in a language, the way explanations
 * write them (days as years, amounts with grouping, shares as percentages).
 */
final class FieldFormat {

    /** DAYS_EMPLOYED's way of saying "not employed / pensioner" (a thousand years). */
    static final long NOT_EMPLOYED = 365243;

    static final double DAYS_PER_YEAR = 365.25;

    // 0/1 (or Y/N) columns: the FLAG_ ones and the address mismatches such as REG_CITY_NOT_WORK_CITY.
    private static final Pattern FLAG = Pattern.compile("FLAG_.*|(REG|LIVE)_(REGION|CITY)_NOT_.*");

    private final VariableLabels labels;

    FieldFormat(VariableLabels labels) {
        this.labels = labels;
    }

    /** One application column's value as a field. */
    ClientField field(String column, Object stored, Language language) {
        Object raw = plain(stored);
        String unit = FLAG.matcher(column).matches() ? "flag"
                : labels.unit("application", column).name().toLowerCase(Locale.ROOT);
        return new ClientField(column, labels.label("application", column, language), unit, raw,
                shown(column, unit, raw, language));
    }

    private String shown(String column, String unit, Object raw, Language language) {
        boolean en = language == Language.EN;
        if (raw == null) {
            return en ? "not known" : "non renseigné";
        }
        if (raw instanceof String text) {
            if (unit.equals("flag") && (text.equals("Y") || text.equals("N"))) {
                return yesNo(text.equals("Y"), en);
            }
            return labels.category("application", column, text, language);
        }
        double value = ((Number) raw).doubleValue();
        Locale locale = en ? Locale.UK : Locale.FRANCE;
        return switch (unit) {
            case "flag" -> value == 0 || value == 1 ? yesNo(value == 1, en) : number(value, locale);
            case "days" -> column.equals("DAYS_EMPLOYED") && value == NOT_EMPLOYED
                    ? (en ? "not employed / retired" : "sans emploi / retraité")
                    : String.format(locale, en ? "%.1f years" : "%.1f ans", Math.abs(value) / DAYS_PER_YEAR);
            case "amount" -> String.format(locale, "%,.0f", value);
            case "share" -> en ? String.format(locale, "%.1f%%", 100 * value)
                    : String.format(locale, "%.1f %%", 100 * value);
            case "score" -> String.format(locale, "%.3f", value);
            case "count" -> String.format(locale, "%,.1f", value).replaceAll("[.,]0$", "");
            default -> number(value, locale);
        };
    }

    /** A value as short as it can be written exactly to 4 decimals (17, 0.0188, 2.5). */
    private static String number(double value, Locale locale) {
        String plain = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
        return locale == Locale.FRANCE ? plain.replace('.', ',') : plain;
    }

    private static String yesNo(boolean yes, boolean en) {
        return en ? (yes ? "yes" : "no") : (yes ? "oui" : "non");
    }

    /** A JDBC value as one of Long, Double, String or null, the types a JSON writer knows. */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        return value.toString();
    }
}
