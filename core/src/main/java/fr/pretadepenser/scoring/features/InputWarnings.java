package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.data.check.ValueRules;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The warnings of whole tables, per client, as the request checks give them for one client's rows (the same
 * {@link ScoringWarning}s): categories the model never saw in training, categories the Kaggle files do not have,
 * numbers outside their column's plausible values, and history rows under a previous application that the tables
 * do not hold. One SQL query in the dialect common to
 * DuckDB and Spark, over the relations the feature SQL reads ({@code application}, the side tables); its rows are
 * SK_ID_CURR, then the warning's table, column, value, kind and rows.
 */
public final class InputWarnings {

    /** The history tables whose rows name a previous application (and their client). */
    private static final List<String> UNDER_PREVIOUS = List.of(HomeCreditSchema.POS_CASH_BALANCE,
            HomeCreditSchema.INSTALLMENTS_PAYMENTS, HomeCreditSchema.CREDIT_CARD_BALANCE);

    private InputWarnings() {
    }

    /** The query, for the model's vocabularies, in one dialect. */
    public static String sql(HomeCreditSchema schema, Vocabularies vocabularies, Dialect dialect) {
        List<String> parts = new ArrayList<>();
        for (Table table : schema.tables()) {
            if (table.name().equals(HomeCreditSchema.APPLICATION_TEST)) {
                continue;
            }
            String name = table.name().equals(HomeCreditSchema.APPLICATION_TRAIN) ? HomeCreditSchema.APPLICATION
                    : table.name();
            for (Column column : table.columns()) {
                List<String> seen = column.type() == ColumnType.TEXT
                        ? vocabularies.byColumn().get(name + "." + column.name()) : null;
                if (seen != null) {
                    parts.add(categories(name, column, seen, dialect));
                }
                Optional<ValueRules.RangeRule> range = column.type() == ColumnType.TEXT ? Optional.empty()
                        : ValueRules.range(name, column);
                range.ifPresent(rule -> parts.add(implausible(name, column, rule, dialect)));
            }
        }
        for (String table : UNDER_PREVIOUS) {
            parts.add("SELECT t.SK_ID_CURR, " + dialect.literal(table) + " AS warning_table, 'SK_ID_PREV' AS"
                    + " warning_column, " + dialect.literal(HomeCreditSchema.PREVIOUS_APPLICATION) + " AS warning_value,"
                    + " " + dialect.literal(ScoringWarning.Kind.UNLINKED_ROWS.name()) + " AS warning_kind,"
                    + " count(*) AS warning_rows FROM " + table + " t LEFT JOIN "
                    + HomeCreditSchema.PREVIOUS_APPLICATION + " p ON p.SK_ID_PREV = t.SK_ID_PREV"
                    + " WHERE p.SK_ID_PREV IS NULL AND t.SK_ID_CURR IS NOT NULL GROUP BY t.SK_ID_CURR");
        }
        return String.join("\nUNION ALL\n", parts);
    }

    /** Every client's warnings found by {@link #sql} on a DuckDB connection, each client's in their order. */
    public static Map<Long, List<ScoringWarning>> byClient(Connection connection, HomeCreditSchema schema,
                                                          Vocabularies vocabularies) throws SQLException {
        Map<Long, List<ScoringWarning>> warnings = new TreeMap<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery(sql(schema, vocabularies, Dialect.DUCKDB))) {
            while (r.next()) {
                warnings.computeIfAbsent(r.getLong(1), c -> new ArrayList<>()).add(new ScoringWarning(
                        ScoringWarning.Kind.valueOf(r.getString(5)), r.getString(2), r.getString(3),
                        r.getString(4), r.getLong(6)));
            }
        }
        warnings.values().forEach(list -> list.sort(ScoringWarning.ORDER));
        return warnings;
    }

    /** The rows of one numeric column outside its plausible values, per client. */
    private static String implausible(String table, Column column, ValueRules.RangeRule rule, Dialect dialect) {
        Relation r = relation(table);
        return "SELECT " + r.client() + " AS SK_ID_CURR, " + dialect.literal(table) + " AS warning_table, "
                + dialect.literal(column.name()) + " AS warning_column, " + dialect.literal(rule.expected())
                + " AS warning_value, " + dialect.literal(ScoringWarning.Kind.IMPLAUSIBLE_VALUE.name())
                + " AS warning_kind, count(*) AS warning_rows FROM " + r.from() + " WHERE "
                + rule.violation("t." + dialect.identifier(column.name())) + " GROUP BY " + r.client();
    }

    /** Where a table's rows and their client come from. */
    private record Relation(String from, String client) {
    }

    /** Monthly bureau rows name only their credit; the credit names the client. */
    private static Relation relation(String table) {
        return table.equals(HomeCreditSchema.BUREAU_BALANCE)
                ? new Relation(table + " t JOIN " + HomeCreditSchema.BUREAU + " b ON b.SK_ID_BUREAU = t.SK_ID_BUREAU",
                "b.SK_ID_CURR")
                : new Relation(table + " t", "t.SK_ID_CURR");
    }

    /** The rows of one text column whose value training never saw, per client and value. */
    private static String categories(String table, Column column, List<String> seen, Dialect dialect) {
        String c = "t." + dialect.identifier(column.name());
        Relation r = relation(table);
        String client = r.client();
        String from = r.from();
        String unseen = seen.isEmpty() ? "" : " AND " + c + " NOT IN (" + literals(seen, dialect) + ")";
        return "SELECT " + client + " AS SK_ID_CURR, " + dialect.literal(table) + " AS warning_table, "
                + dialect.literal(column.name()) + " AS warning_column, " + c + " AS warning_value, CASE WHEN " + c
                + " IN (" + literals(column.categories(), dialect) + ") THEN "
                + dialect.literal(ScoringWarning.Kind.UNSEEN_CATEGORY.name()) + " ELSE "
                + dialect.literal(ScoringWarning.Kind.UNKNOWN_CATEGORY.name()) + " END AS warning_kind,"
                + " count(*) AS warning_rows FROM " + from + " WHERE " + c + " IS NOT NULL" + unseen
                + " GROUP BY " + client + ", " + c;
    }

    private static String literals(List<String> values, Dialect dialect) {
        return values.stream().map(dialect::literal).collect(Collectors.joining(", "));
    }
}
