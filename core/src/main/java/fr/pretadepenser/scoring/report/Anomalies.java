package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.KeyRole;
import fr.pretadepenser.scoring.schema.Table;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static fr.pretadepenser.scoring.report.SqlRows.quote;

/**
 * The oddities of the ingested data, counted in SQL: Kaggle's 365243 "no date" sentinel, values no real client can
 * have, fully duplicated rows and keys that point at no row of the table they reference.
 *
 * @param sentinels  rows holding 365243, per day column that has any
 * @param impossible rows breaking a plausibility rule, per column and rule that has any
 * @param duplicates extra copies of fully duplicated rows, per table
 * @param orphans    rows whose key is missing from the referenced table, per foreign key
 */
record Anomalies(List<Count> sentinels, List<Count> impossible, List<Count> duplicates, List<Count> orphans) {

    /** Kaggle's placeholder for "no such date", a thousand years after the application. */
    static final long SENTINEL = 365243;

    /** A count of rows of one table (and column) with what was counted. */
    record Count(String table, String column, String what, long rows) {
    }

    /**
     * The plausibility rules, as a short list here: the request checks' range table (data.check.Ranges) is private
     * to its package. Each rule: table ("application" for both application tables, "*" for all), column pattern
     * ({@code *} for any characters), the SQL condition of an impossible value of {@code x}, and what it means.
     */
    private static final List<String[]> RULES = List.of(
            new String[]{"application", "AMT_*", "x < 0", "negative amount"},
            new String[]{"previous_application", "AMT_APPLICATION AMT_CREDIT AMT_ANNUITY AMT_GOODS_PRICE", "x < 0",
                    "negative amount"},
            new String[]{"installments_payments", "AMT_*", "x < 0", "negative amount"},
            new String[]{"bureau", "AMT_CREDIT_SUM AMT_ANNUITY", "x < 0", "negative amount"},
            new String[]{"application", "DAYS_BIRTH", "x > -6575 OR x < -43830", "age outside 18 to 120 years"},
            new String[]{"application", "DAYS_*", "x > 0 AND x <> " + SENTINEL, "days after the application"},
            new String[]{"bureau", "DAYS_CREDIT", "x > 0", "days after the application"},
            new String[]{"previous_application", "DAYS_DECISION DAYS_FIRST_DRAWING DAYS_FIRST_DUE DAYS_LAST_DUE"
                    + " DAYS_TERMINATION", "x > 0 AND x <> " + SENTINEL, "days after the application"},
            new String[]{"installments_payments", "DAYS_*", "x > 0", "days after the application"},
            new String[]{"*", "MONTHS_BALANCE", "x > 0", "months after the application"},
            new String[]{"application", "EXT_SOURCE_*", "x < 0 OR x > 1", "score outside [0, 1]"},
            new String[]{"*", "CNT_* SK_DPD*", "x < 0", "negative count"});

    private static final Set<String> APPLICATIONS = Set.of(HomeCreditSchema.APPLICATION_TRAIN,
            HomeCreditSchema.APPLICATION_TEST);

    /** Counts every anomaly of the tables of {@code schema}. */
    static Anomalies of(SqlRows sql, HomeCreditSchema schema) throws SQLException {
        List<Count> sentinels = new ArrayList<>();
        List<Count> impossible = new ArrayList<>();
        List<Count> duplicates = new ArrayList<>();
        List<Count> orphans = new ArrayList<>();
        for (Table table : schema.tables()) {
            List<Count> checks = new ArrayList<>();
            StringBuilder q = new StringBuilder("SELECT 0");
            for (Column c : table.columns()) {
                if (c.type() == ColumnType.TEXT || c.role() != KeyRole.ATTRIBUTE) {
                    continue;
                }
                String x = quote(c.name());
                if (c.name().startsWith("DAYS_")) {
                    q.append(", sum(CASE WHEN ").append(x).append(" = ").append(SENTINEL).append(" THEN 1 ELSE 0 END)");
                    checks.add(new Count(table.name(), c.name(), "sentinel", 0));
                }
                for (String[] rule : RULES) {
                    if (applies(rule, table.name(), c.name())) {
                        q.append(", sum(CASE WHEN ").append(rule[2].replace("x", x)).append(" THEN 1 ELSE 0 END)");
                        checks.add(new Count(table.name(), c.name(), rule[3], 0));
                        break;
                    }
                }
            }
            Object[] r = sql.one(q.append(" FROM ").append(quote(table.name())).toString());
            for (int i = 0; i < checks.size(); i++) {
                long n = SqlRows.asLong(r[i + 1]);
                Count c = checks.get(i);
                if (n > 0) {
                    (c.what().equals("sentinel") ? sentinels : impossible)
                            .add(new Count(c.table(), c.column(), c.what(), n));
                }
            }
            String t = quote(table.name());
            duplicates.add(new Count(table.name(), "", "duplicated rows", sql.count("SELECT (SELECT count(*) FROM " + t
                    + ") - (SELECT count(*) FROM (SELECT DISTINCT * FROM " + t + ") d)")));
            orphans.addAll(orphans(sql, schema, table));
        }
        return new Anomalies(sentinels, impossible, duplicates, orphans);
    }

    /** Rows of {@code table} whose foreign key has no match (application.SK_ID_CURR means either application table). */
    private static List<Count> orphans(SqlRows sql, HomeCreditSchema schema, Table table) throws SQLException {
        List<Count> found = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c.role() != KeyRole.FOREIGN_KEY || APPLICATIONS.contains(table.name())) {
                continue;
            }
            String[] target = c.references().split("\\.");
            List<String> referenced = target[0].equals("application") ? List.copyOf(APPLICATIONS.stream().sorted()
                    .toList()) : List.of(target[0]);
            StringBuilder q = new StringBuilder("SELECT count(*) FROM ").append(quote(table.name())).append(" o WHERE o.")
                    .append(quote(c.name())).append(" IS NOT NULL");
            for (String other : referenced) {
                if (schema.findTable(other).isPresent()) {
                    q.append(" AND NOT EXISTS (SELECT 1 FROM ").append(quote(other)).append(" r WHERE r.")
                            .append(quote(target[1])).append(" = o.").append(quote(c.name())).append(')');
                }
            }
            found.add(new Count(table.name(), c.name(), "not in " + String.join(" or ", referenced),
                    sql.count(q.toString())));
        }
        return found;
    }

    private static boolean applies(String[] rule, String table, String column) {
        boolean inTable = rule[0].equals("*") || rule[0].equals(table)
                || rule[0].equals("application") && APPLICATIONS.contains(table);
        if (!inTable) {
            return false;
        }
        for (String pattern : rule[1].split(" ")) {
            if (column.matches(pattern.replace("*", ".*"))) {
                return true;
            }
        }
        return false;
    }
}
