package fr.pretadepenser.scoring.features;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The groups of features added beyond the reference kernel, each named by the columns it makes. The SQL files
 * define them (a comment names the group); docs/feature-groups.md says what each is and what it was measured to add.
 * Every feature of no group is the kernel's.
 */
public enum FeatureGroup {

    /** The three external scores combined: mean, min, max, standard deviation, product, weighted mean. */
    EXT_SOURCES("ext_sources", true, "EXT_SOURCES_.*"),
    /** Credit over annuity and over the goods' price. */
    CREDIT_RATIOS("credit_ratios", true, "CREDIT_(ANNUITY|GOODS)_RATIO"),
    /** The yearly simple interest rate of each previous credit, estimated from amount, annuity and term. */
    PREVIOUS_INTEREST("previous_interest", false, "(PREV|APPROVED|REFUSED)_SIMPLE_INTEREST_.*"),
    /** How the latest previous application ended. */
    PREVIOUS_LAST("previous_last", false, "PREV_LAST_.*"),
    /** Late and underpaid installments and days late over the last 6, 12 and 24 months. */
    INSTALLMENT_WINDOWS("installment_windows", false, "INSTAL_(LATE|UNDERPAID|DPD_\\d+M)_.*"),
    /** The slope of days late over the last 24 installments. */
    INSTALLMENT_TREND("installment_trend", false, "INSTAL_DPD_TREND"),
    /** Months past due on store and cash loans over the last 6, 12 and 24 months. */
    POS_WINDOWS("pos_windows", false, "POS_LATE_.*"),
    /** Overdue over debt, the share of credits overdue, debt left on active credits. */
    BUREAU_RATIOS("bureau_ratios", false, "BURO_(OVERDUE_DEBT_RATIO|OVERDUE_SHARE|ACTIVE_DEBT_RATIO)"),
    /** Credit card balance over its limit, every month and over the last 6 and 12. */
    CARD_UTILISATION("card_utilisation", false, "CC_UTILISATION_.*");

    private final String key;
    private final boolean application;
    private final Pattern columns;

    FeatureGroup(String key, boolean application, String columns) {
        this.key = key;
        this.application = application;
        this.columns = Pattern.compile(columns);
    }

    /** The group's short name, as the SQL comments and the documentation write it. */
    public String key() {
        return key;
    }

    /** Whether it reads the application alone (so it can be measured on application rows only). */
    public boolean application() {
        return application;
    }

    /** Whether feature {@code name} belongs to the group. */
    public boolean contains(String name) {
        return columns.matcher(name).matches();
    }

    /** The group of a feature; empty for a feature of the reference kernel. */
    public static Optional<FeatureGroup> of(String feature) {
        return Arrays.stream(values()).filter(g -> g.contains(feature)).findFirst();
    }

    /**
     * The group of a short name.
     *
     * @throws IllegalArgumentException naming the short names
     */
    public static FeatureGroup named(String key) {
        return Arrays.stream(values()).filter(g -> g.key.equals(key)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no feature group '" + key + "'; expected one of "
                        + Arrays.stream(values()).map(FeatureGroup::key).toList()));
    }
}
