package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.Application;
import fr.pretadepenser.scoring.data.ClientRecords;
import fr.pretadepenser.scoring.data.History;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a client's raw rows back from an ingested database, as a caller of the online builder would send them:
 * for benchmarks and parity checks, and to score a stored client with its history.
 */
public final class DuckDbClientRecords {

    private final Connection connection;

    /** Reads from this connection (not closed by this class; one caller at a time, like the connection). */
    public DuckDbClientRecords(Connection connection) {
        this.connection = connection;
    }

    /**
     * The client's application (from application_train, else application_test) and its whole history.
     *
     * @throws NoSuchElementException when no application has that SK_ID_CURR
     */
    public ClientRecords read(long clientId) throws SQLException {
        List<Map<String, Object>> application = rows("SELECT * FROM " + HomeCreditSchema.APPLICATION_TRAIN
                + " WHERE SK_ID_CURR = ?", clientId);
        if (application.isEmpty()) {
            application = rows("SELECT * FROM " + HomeCreditSchema.APPLICATION_TEST + " WHERE SK_ID_CURR = ?",
                    clientId);
        }
        if (application.isEmpty()) {
            throw new NoSuchElementException("no application with SK_ID_CURR " + clientId);
        }
        History history = new History(
                rows("SELECT * FROM bureau WHERE SK_ID_CURR = ?", clientId),
                rows("SELECT bb.* FROM bureau_balance bb JOIN bureau b ON b.SK_ID_BUREAU = bb.SK_ID_BUREAU"
                        + " WHERE b.SK_ID_CURR = ?", clientId),
                rows("SELECT * FROM previous_application WHERE SK_ID_CURR = ?", clientId),
                rows("SELECT * FROM POS_CASH_balance WHERE SK_ID_CURR = ?", clientId),
                rows("SELECT * FROM installments_payments WHERE SK_ID_CURR = ?", clientId),
                rows("SELECT * FROM credit_card_balance WHERE SK_ID_CURR = ?", clientId));
        return ClientRecords.withHistory(new Application(application.get(0)), history);
    }

    private List<Map<String, Object>> rows(String sql, long clientId) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, clientId);
            try (ResultSet r = query.executeQuery()) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnName(i), r.getObject(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
