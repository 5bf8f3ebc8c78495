package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.features.FeatureMatrixReader;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.model.bundle.VariableImportance;
import fr.pretadepenser.scoring.model.evaluation.Decision;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import fr.pretadepenser.scoring.score.Score;
import fr.pretadepenser.scoring.score.Scorer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static fr.pretadepenser.scoring.report.SqlRows.asDouble;
import static fr.pretadepenser.scoring.report.SqlRows.asLong;
import static fr.pretadepenser.scoring.report.SqlRows.quote;

/**
 * What the deck reads from the database rather than the bundle: the tables' volumes, the labelled applications,
 * three findings of the exploration, and one refused and one granted client scored by the bundle's model. Every
 * query is an aggregate or reads a bounded sample of rows.
 *
 * @param volumes   each ingested table of the schema with its rows, in the schema's order
 * @param labelled  labelled applications
 * @param defaults  of which defaulted
 * @param strongest the application's numeric variable the model relies on most, with its default rate by decile
 * @param sentinel  applications whose DAYS_EMPLOYED is the 365243 sentinel, if any
 * @param noBureau  clients without any bureau credit, if the bureau table holds rows
 * @param refused   a typical refused client, if the feature table has one
 * @param granted   a typical granted client, if the feature table has one
 * @param unreadable why the database could not be read (empty when it was read or when there is none)
 * @param featuresMatch whether the database's feature table holds the features the model reads (else no example
 *                      client can be scored from it)
 */
record DeckEvidence(List<Volume> volumes, long labelled, long defaults, Optional<Deciles> strongest,
                    Optional<Split> sentinel, Optional<Split> noBureau, Optional<Score> refused,
                    Optional<Score> granted, String unreadable, boolean featuresMatch) {

    /** Feature rows scored to find the two example clients: enough to have both decisions, few enough to be quick. */
    static final int SAMPLE = 1000;

    /** One table and its rows. */
    record Volume(String table, long rows) {
    }

    /** A variable's default rate in each of its deciles, lowest values first (the empty values left out). */
    record Deciles(String table, String variable, List<Double> rates) {
    }

    /** A group of labelled applications set against the others: its size, share and both default rates. */
    record Split(long count, double share, double rate, double othersRate) {
    }

    /** No database, or one that could not be read ({@code unreadable} says why): nothing but the bundle to show. */
    static DeckEvidence none(String unreadable) {
        return new DeckEvidence(List.of(), 0, 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), unreadable, false);
    }

    /**
     * Reads the evidence from {@code database} (read-only), scoring the sample with {@code scorer}. A database that
     * cannot be opened (a running server holds it for writing) gives a deck without evidence that says why, not no
     * deck.
     */
    static DeckEvidence read(Path database, Scorer scorer, HomeCreditSchema schema, Language language) {
        if (database == null || !Files.isRegularFile(database)) {
            return none("");
        }
        try {
            return readOpen(database, scorer, schema, language);
        } catch (SQLException e) {
            return none(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static DeckEvidence readOpen(Path database, Scorer scorer, HomeCreditSchema schema, Language language)
            throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(),
                readOnly)) {
            SqlRows sql = new SqlRows(connection);
            Set<String> present = new HashSet<>();
            for (Object[] r : sql.all("SELECT table_name FROM information_schema.tables")) {
                present.add(String.valueOf(r[0]));
            }
            List<Volume> volumes = new ArrayList<>();
            for (Table table : schema.tables()) {
                if (present.contains(table.name())) {
                    volumes.add(new Volume(table.name(), sql.count("SELECT count(*) FROM " + quote(table.name()))));
                }
            }
            String train = HomeCreditSchema.APPLICATION_TRAIN;
            if (!present.contains(train)) {
                return new DeckEvidence(volumes, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), "", false);
            }
            Object[] totals = sql.one("SELECT count(*), sum(TARGET) FROM " + quote(train)
                    + " WHERE TARGET IS NOT NULL");
            boolean featuresMatch = featuresMatch(connection, present, scorer.bundle().features());
            Optional<Score>[] examples = featuresMatch ? examples(connection, scorer, language)
                    : new Optional[]{Optional.empty(), Optional.empty()};
            return new DeckEvidence(volumes, asLong(totals[0]), asLong(totals[1]),
                    strongest(sql, scorer.bundle().manifest().shapImportance(), schema.table(train)),
                    sentinel(sql), present.contains(HomeCreditSchema.BUREAU) ? noBureau(sql) : Optional.empty(),
                    examples[0], examples[1], "", featuresMatch);
        }
    }

    /** The first application column, by the model's importance, that is a number in the raw table. */
    private static Optional<Deciles> strongest(SqlRows sql, List<VariableImportance> importance, Table train)
            throws SQLException {
        for (VariableImportance v : importance) {
            Optional<Column> column = v.table().equals(HomeCreditSchema.APPLICATION)
                    ? train.findColumn(v.variable()) : Optional.empty();
            if (column.isEmpty() || column.get().type() == ColumnType.TEXT) {
                continue;
            }
            String source = "SELECT TARGET, " + quote(v.variable()) + " AS x FROM " + quote(train.name())
                    + " WHERE TARGET IS NOT NULL";
            TargetAssociation association = TargetAssociation.of(sql, v.table(), v.variable(), false, source);
            List<Double> rates = association.bins().stream().filter(b -> !b.label().equals("(empty)"))
                    .map(TargetAssociation.Bin::rate).toList();
            if (rates.size() >= 2) {
                return Optional.of(new Deciles(v.table(), v.variable(), rates));
            }
        }
        return Optional.empty();
    }

    private static Optional<Split> sentinel(SqlRows sql) throws SQLException {
        return split(sql, "SELECT TARGET, DAYS_EMPLOYED = " + Anomalies.SENTINEL + " AS inside FROM "
                + quote(HomeCreditSchema.APPLICATION_TRAIN) + " WHERE TARGET IS NOT NULL");
    }

    private static Optional<Split> noBureau(SqlRows sql) throws SQLException {
        return split(sql, "SELECT a.TARGET, NOT EXISTS (SELECT 1 FROM " + quote(HomeCreditSchema.BUREAU)
                + " b WHERE b.SK_ID_CURR = a.SK_ID_CURR) AS inside FROM " + quote(HomeCreditSchema.APPLICATION_TRAIN)
                + " a WHERE a.TARGET IS NOT NULL");
    }

    /** The applications where {@code inside} holds against the others; empty when either side has none. */
    private static Optional<Split> split(SqlRows sql, String source) throws SQLException {
        Object[] r = sql.one("WITH v AS (" + source + ") SELECT count(*) FILTER (WHERE inside),"
                + " avg(TARGET) FILTER (WHERE inside), avg(TARGET) FILTER (WHERE NOT inside OR inside IS NULL),"
                + " count(*) FROM v");
        long inside = asLong(r[0]);
        long all = asLong(r[3]);
        if (inside == 0 || inside == all) {
            return Optional.empty();
        }
        return Optional.of(new Split(inside, inside / (double) all, asDouble(r[1]), asDouble(r[2])));
    }

    /**
     * A refused and a granted client among the first {@value #SAMPLE} rows of the feature table: in each decision,
     * the client whose probability is the median of that decision's (a typical case, not an extreme one).
     */
    @SuppressWarnings("unchecked")
    private static Optional<Score>[] examples(Connection connection, Scorer scorer, Language language)
            throws SQLException {
        FeatureManifest manifest = scorer.bundle().features();
        FeatureRows rows = FeatureMatrixReader.readAll(connection, manifest.featureNames(),
                "WHERE f.SK_ID_CURR IN (SELECT SK_ID_CURR FROM " + DuckDbFeatureEngine.FEATURE_TABLE
                        + " ORDER BY SK_ID_CURR LIMIT " + SAMPLE + ")", "ORDER BY f.SK_ID_CURR");
        List<Score> scores = scorer.score(rows, language);
        return new Optional[]{typical(scores, Decision.REFUSED), typical(scores, Decision.GRANTED)};
    }

    /** Whether the database has a feature table holding every feature the model reads. */
    private static boolean featuresMatch(Connection connection, Set<String> present, FeatureManifest manifest)
            throws SQLException {
        if (!present.contains(DuckDbFeatureEngine.FEATURE_TABLE)) {
            return false;
        }
        Optional<FeatureManifest> stored = DuckDbFeatureEngine.storedManifest(connection);
        return stored.isPresent() && manifest.isAmong(stored.get().featureNames());
    }

    private static Optional<Score> typical(List<Score> scores, Decision decision) {
        List<Score> same = scores.stream().filter(s -> s.decision() == decision)
                .sorted(Comparator.comparingDouble(Score::probability).thenComparingLong(Score::clientId)).toList();
        return same.isEmpty() ? Optional.empty() : Optional.of(same.get(same.size() / 2));
    }
}
