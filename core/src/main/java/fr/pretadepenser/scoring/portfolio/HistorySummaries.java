package fr.pretadepenser.scoring.portfolio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A client's credit history summed up by {@code history-summary.sql} (beside this class) over the ingested side
 * tables. The tables have no index on SK_ID_CURR, so each call scans the client column of every side table: 60 to
 * 90 ms at Kaggle size when the rows are in file order (not by client), paid once per profile. An index on each
 * side table, or the summaries of every client computed at opening, would make it a lookup; neither is done yet.
 */
final class HistorySummaries {

    private static final String RESOURCE = "history-summary.sql";

    private final String sql;
    private final int parameters;

    HistorySummaries() {
        try (InputStream in = HistorySummaries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        parameters = (int) sql.lines().filter(l -> !l.trim().startsWith("--"))
                .mapToLong(l -> l.chars().filter(c -> c == '?').count()).sum();
    }

    /** The summary of one client's history (zero counts for a client without history). */
    CreditHistory summary(Connection connection, long clientId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 1; i <= parameters; i++) {
                query.setLong(i, clientId);
            }
            try (ResultSet r = query.executeQuery()) {
                r.next();
                int installments = r.getInt("installments");
                int late = r.getInt("installments_late");
                double balance = r.getDouble("card_balance");
                boolean noBalance = r.wasNull();
                double limit = r.getDouble("card_limit");
                Double utilisation = noBalance || r.wasNull() || limit <= 0 ? null : balance / limit;
                return new CreditHistory(r.getInt("bureau_credits"), r.getInt("bureau_active"),
                        r.getInt("bureau_closed"), r.getDouble("bureau_debt"), r.getInt("previous_applications"),
                        r.getInt("previous_approved"), r.getInt("previous_refused"), installments, late,
                        installments == 0 ? null : (double) late / installments, r.getInt("installments_underpaid"),
                        integer(r, "pos_max_dpd"), integer(r, "card_max_dpd"), utilisation);
            }
        }
    }

    private static Integer integer(ResultSet r, String column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? null : value;
    }
}
