package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.data.InvalidFieldException;
import fr.pretadepenser.scoring.score.RiskBand;

/**
 * One page of a client search: every filter is optional (null), the filters combine with AND, and the results are
 * sorted by client id.
 *
 * @param idPrefix     the start of the decimal SK_ID_CURR (digits only, at most 19), e.g. {@code 1000} matches 100002
 *                     and 1000023; null or empty for any
 * @param contractType an exact NAME_CONTRACT_TYPE, e.g. {@code Cash loans}; null or empty for any
 * @param incomeType   an exact NAME_INCOME_TYPE, e.g. {@code Working}; null or empty for any
 * @param band         the risk band at the model's threshold; null for any
 * @param limit        clients per page, 1 to {@value #MAX_LIMIT}
 * @param offset       matching clients skipped before the page, 0 to {@value #MAX_OFFSET}
 */
public record ClientQuery(String idPrefix, String contractType, String incomeType, RiskBand band, int limit,
                          int offset) {

    /** The largest page. */
    public static final int MAX_LIMIT = 100;

    /** The deepest page start: enough for every client of the Kaggle data, bounded so that no call is unbounded. */
    public static final int MAX_OFFSET = 1_000_000;

    /** Checks the page and the prefix, and reads empty filters as no filter. */
    public ClientQuery {
        idPrefix = emptyToNull(idPrefix);
        contractType = emptyToNull(contractType);
        incomeType = emptyToNull(incomeType);
        if (idPrefix != null && !idPrefix.matches("[0-9]{1,19}")) {
            throw new InvalidFieldException("idPrefix", "digits only (at most 19) expected, got \"" + idPrefix + "\"");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidFieldException("limit", "1 to " + MAX_LIMIT + " expected, got " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new InvalidFieldException("offset", "0 to " + MAX_OFFSET + " expected, got " + offset);
        }
    }

    /** The first page of every client, {@code limit} at a time. */
    public static ClientQuery all(int limit) {
        return new ClientQuery(null, null, null, null, limit, 0);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
