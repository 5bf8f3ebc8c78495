package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The macro expansion, checked on its own text: the SQL each aggregate becomes (the semantics the engine tests
 * check on data), the portable dialect of every shipped file, and the messages of a bad template.
 */
class SqlTemplateTest {

    private static final HomeCreditSchema SCHEMA = HomeCreditSchema.load();

    /** A small vocabulary for every text column the files one-hot encode, with a space and a quote in it. */
    private static Vocabularies vocabularies() {
        Map<String, List<String>> byColumn = new HashMap<>();
        for (var table : SCHEMA.tables()) {
            String relation = table.name().equals(HomeCreditSchema.APPLICATION_TRAIN) ? FeatureFiles.APPLICATION
                    : table.name();
            for (var column : table.columns()) {
                byColumn.put(relation + "." + column.name(), List.of("Plain", "With space", "Child's"));
            }
        }
        return new Vocabularies(byColumn);
    }

    private static SqlTemplate template(Dialect dialect) {
        return new SqlTemplate(SCHEMA, vocabularies(), dialect, new HashMap<>());
    }

    @Nested
    @DisplayName("aggregate")
    class Aggregate {

        @Test
        void writesEachFunctionAsPortableSql() {
            String sql = template(Dialect.DUCKDB).expand(
                    "{{aggregate g P_: X MIN MAX MEAN SUM VAR SIZE NUNIQUE}}", "bureau");
            assertEquals(String.join(",\n           ",
                    "MIN(X) AS P_X_MIN", "MAX(X) AS P_X_MAX", "AVG(X) AS P_X_MEAN", "COALESCE(SUM(X), 0) AS P_X_SUM",
                    "VAR_SAMP(X) AS P_X_VAR", "COUNT(*) AS P_X_SIZE", "COUNT(DISTINCT X) AS P_X_NUNIQUE"), sql);
        }

        @Test
        void expandsDefinedNamesAndOneHotSuffixes() {
            String sql = template(Dialect.DUCKDB).expand(
                    "{{define d: X MAX}}{{aggregate g -: d, onehot(bureau_balance.STATUS nan)_MEAN MEAN}}", "bureau");
            assertEquals(String.join(",\n           ", "MAX(X) AS X_MAX",
                    "AVG(\"STATUS_Child's_MEAN\") AS \"STATUS_Child's_MEAN_MEAN\"",
                    "AVG(STATUS_Plain_MEAN) AS STATUS_Plain_MEAN_MEAN",
                    "AVG(\"STATUS_With space_MEAN\") AS \"STATUS_With space_MEAN_MEAN\"",
                    "AVG(STATUS_nan_MEAN) AS STATUS_nan_MEAN_MEAN"), sql);
        }

        @Test
        void refusesAnUnknownFunctionNamingTheKnownOnes() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> template(Dialect.DUCKDB).expand("{{aggregate g -: X MEDIAN}}", "bureau"));
            assertTrue(e.getMessage().startsWith("unknown aggregation MEDIAN; known: "), e.getMessage());
        }
    }

    @Nested
    @DisplayName("one-hot and codes")
    class OneHotAndCodes {

        @Test
        void comparesCategoriesAsQuotedLiteralsAndAddsNanOnlyWhenAsked() {
            assertEquals(String.join(",\n    ",
                    "CASE WHEN STATUS = 'Child''s' THEN 1 ELSE 0 END AS \"STATUS_Child's\"",
                    "CASE WHEN STATUS = 'Plain' THEN 1 ELSE 0 END AS STATUS_Plain",
                    "CASE WHEN STATUS = 'With space' THEN 1 ELSE 0 END AS \"STATUS_With space\"",
                    "CASE WHEN STATUS IS NULL THEN 1 ELSE 0 END AS STATUS_nan"),
                    template(Dialect.DUCKDB).expand("{{onehot bureau_balance.STATUS nan}}", "bureau"));
            assertFalse(template(Dialect.DUCKDB).expand("{{onehot bureau_balance.STATUS}}", "bureau")
                    .contains("STATUS_nan"));
        }

        @Test
        void quotesNamesWithSpacesInBackTicksForSpark() {
            assertEquals("CASE WHEN STATUS = 'With space' THEN 1 ELSE 0 END AS `STATUS_With space`",
                    template(Dialect.SPARK).expand("{{onehot bureau_balance.STATUS}}", "bureau").split(",\n    ")[2]);
        }

        @Test
        void escapesAQuoteInACategoryWithABackslashForSpark() {
            // Spark SQL would read 'Child''s' as the two literals 'Child' and 's', that is "Childs".
            assertEquals("CASE WHEN STATUS = 'Child\\'s' THEN 1 ELSE 0 END AS `STATUS_Child's`",
                    template(Dialect.SPARK).expand("{{onehot bureau_balance.STATUS}}", "bureau").split(",\n    ")[0]);
            assertEquals("'a\\\\b'", Dialect.SPARK.literal("a\\b"));
        }

        @Test
        void codesABinaryColumnByItsIndexInTheSortedVocabulary() {
            assertEquals("CASE WHEN CODE_GENDER = 'Child''s' THEN 0 WHEN CODE_GENDER = 'Plain' THEN 1"
                    + " WHEN CODE_GENDER = 'With space' THEN 2 END AS CODE_GENDER",
                    template(Dialect.DUCKDB).expand("{{codes CODE_GENDER}}", FeatureFiles.APPLICATION));
        }
    }

    @Nested
    @DisplayName("the shipped files")
    class ShippedFiles {

        private static final Pattern DUCKDB_ONLY = Pattern.compile(
                "(?i)\\bFILTER\\s*\\(|::|\\bQUALIFY\\b|\\bfsum\\b|\\bkahan_sum\\b|\\bifnull\\b|\\bCOLUMNS\\s*\\(|"
                        + "\\bEXCLUDE\\b|\\{\\{|}}");

        @Test
        void expandInTheSparkDialectWithoutDoubleQuotesOrDuckDbOnlySyntax() {
            SqlTemplate template = template(Dialect.SPARK);
            Map<String, List<String>> groups = new HashMap<>();
            SqlTemplate withGroups = new SqlTemplate(SCHEMA, vocabularies(), Dialect.SPARK, groups);
            for (FeatureFiles.FeatureFile file : FeatureFiles.TABLES) {
                groups.put(file.name(), List.of("SK_ID_CURR", "A_FEATURE"));
            }
            List<String> expanded = new java.util.ArrayList<>();
            for (FeatureFiles.FeatureFile file : FeatureFiles.TABLES) {
                expanded.add(template.expand(file.text(), file.table()));
            }
            expanded.add(withGroups.expand(FeatureFiles.JOIN.text(), null));
            assertAll(expanded.stream().map(sql -> () -> {
                String code = sql.replaceAll("--[^\n]*", "").replaceAll("'(?:[^'\\\\]|\\\\.)*+'", "''");
                assertFalse(code.contains("\""), () -> "double quote in\n" + sql);
                assertFalse(DUCKDB_ONLY.matcher(code).find(), () -> "DuckDB-only syntax in\n" + sql);
            }));
        }
    }

    @Nested
    @DisplayName("a bad template")
    class BadTemplate {

        @Test
        void refusesAnUnknownMacro() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> template(Dialect.DUCKDB).expand("SELECT {{median X}}", "bureau"));
            assertEquals("unknown feature SQL macro {{median X}}", e.getMessage());
        }

        @Test
        void refusesColumnsOfAGroupNotBuiltYet() {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> template(Dialect.DUCKDB).expand("SELECT {{columns later l}}", "bureau"));
            assertEquals("feature SQL refers to {{columns later}} before it is built", e.getMessage());
        }

        @Test
        void refusesABadAggregationSpec() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> template(Dialect.DUCKDB).expand("{{aggregate g -: X min}}", "bureau"));
            assertEquals("bad aggregation spec 'X min' in {{aggregate g -: X min}}", e.getMessage());
        }
    }
}
