package fr.pretadepenser.scoring.audit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.commons.codec.digest.DigestUtils;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One scoring decision as the audit trail keeps it. No application values: a stored client is named by its
 * SK_ID_CURR, a new application by the SHA-256 of its canonical request body (enough to prove which request was
 * scored when shown it again, without keeping it).
 *
 * @param time         when the decision was made (UTC)
 * @param user         the account that asked
 * @param modelVersion the version of the model bundle that scored
 * @param clientRef    {@code client:<SK_ID_CURR>}, {@code input:<64 hex digits>}, or both for a stored client's
 *                     edited application; see {@link #clientRef(long)} and
 *                     {@link #inputRef(String)}
 * @param probability  the predicted probability of default, in [0, 1]
 * @param decision     {@link #GRANTED} or {@link #REFUSED}
 * @param reasons      the names of the variables that weighed most, most important first
 * @param route        the API route that decided, e.g. {@code POST /api/v1/score}
 * @param requestId    the request id the API returned to the caller
 */
public record AuditRecord(Instant time, String user, String modelVersion, String clientRef, double probability,
                          String decision, List<String> reasons, String route, String requestId) {

    /** The decision when the probability is below the threshold. */
    public static final String GRANTED = "granted";

    /** The decision when the probability is at or above the threshold. */
    public static final String REFUSED = "refused";

    private static final Pattern CLIENT_REF =
            Pattern.compile("client:\\d{1,18}( input:[0-9a-f]{64})?|input:[0-9a-f]{64}");
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /**
     * Checks every field and freezes the reasons.
     *
     * @throws IllegalArgumentException for a malformed client reference, a probability outside [0, 1] or an
     *                                  unknown decision
     */
    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(requestId, "requestId");
        if (clientRef == null || !CLIENT_REF.matcher(clientRef).matches()) {
            throw new IllegalArgumentException("clientRef must be client:<SK_ID_CURR>, input:<sha256 hex> or both, was "
                    + clientRef);
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
        }
        if (!GRANTED.equals(decision) && !REFUSED.equals(decision)) {
            throw new IllegalArgumentException("decision must be " + GRANTED + " or " + REFUSED + ", was "
                    + decision);
        }
        reasons = List.copyOf(reasons);
    }

    /** The reference of a stored client: {@code client:<SK_ID_CURR>}. */
    public static String clientRef(long skIdCurr) {
        if (skIdCurr < 0) {
            throw new IllegalArgumentException("SK_ID_CURR must not be negative, was " + skIdCurr);
        }
        return "client:" + skIdCurr;
    }

    /**
     * The reference of a new application: {@code input:} and the SHA-256 of its request body in canonical form
     * (object keys sorted at every level, no whitespace, numbers as written), so that the same application sent
     * with its fields in another order or spacing gets the same reference.
     *
     * @throws IllegalArgumentException if the body is not JSON
     */
    public static String inputRef(String requestBody) {
        try {
            return parsedInputRef(CANONICAL.readValue(requestBody, Object.class));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the request body is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The reference of a new application already parsed as plain values (maps, lists, strings, numbers, booleans,
     * null); see {@link #inputRef(String)}. Written straight from the maps with their keys sorted: the same bytes
     * as a sorted JSON tree, without building the tree (a twentieth of a scoring request's CPU time with history).
     */
    public static String parsedInputRef(Object requestBody) {
        try {
            return "input:" + DigestUtils.sha256Hex(CANONICAL.writeValueAsBytes(requestBody));
        } catch (JacksonException e) {
            throw new IllegalStateException("parsed JSON always serialises", e);
        }
    }
}
