package fr.pretadepenser.scoring.audit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The line format of the audit log: one compact JSON object per line, the record's fields in a fixed order and
 * then {@code prev}, the hex SHA-256 of the previous line's bytes (64 zeros for the first line).
 */
final class AuditLines {

    /** The {@code prev} of the first line. */
    static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** A line read back: its record and the hash it claims for the line before. */
    record Parsed(AuditRecord record, String prev) {
    }

    private AuditLines() {
    }

    /**
     * The line without its closing {@code ,"prev":"..."}}: the part that does not depend on the chain, made by the
     * appending thread so that the writer only has to hash and concatenate.
     */
    static String body(AuditRecord r) {
        ObjectNode node = JSON.createObjectNode()
                .put("time", r.time().toString())
                .put("user", r.user())
                .put("modelVersion", r.modelVersion())
                .put("clientRef", r.clientRef())
                .put("probability", r.probability())
                .put("decision", r.decision());
        r.reasons().forEach(node.putArray("reasons")::add);
        node.put("route", r.route()).put("requestId", r.requestId());
        String json;
        try {
            json = JSON.writeValueAsString(node);
        } catch (JacksonException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        // Jackson escapes control characters, so the line cannot contain a newline of its own.
        return json.substring(0, json.length() - 1);
    }

    /** The complete line (without its newline) for a body and the hash of the line before. */
    static byte[] line(String body, String prev) {
        return (body + ",\"prev\":\"" + prev + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a line back.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static Parsed parse(byte[] line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String prev = text(node, "prev");
        if (!HEX_SHA256.matcher(prev).matches()) {
            throw new IllegalArgumentException("prev is not 64 hex digits");
        }
        if (!node.path("probability").isNumber() || !node.path("reasons").isArray()) {
            throw new IllegalArgumentException("probability must be a number and reasons an array");
        }
        List<String> reasons = new ArrayList<>();
        node.get("reasons").forEach(r -> reasons.add(r.asText()));
        Instant time;
        try {
            time = Instant.parse(text(node, "time"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 UTC time");
        }
        AuditRecord record = new AuditRecord(time, text(node, "user"), text(node, "modelVersion"),
                text(node, "clientRef"), node.get("probability").asDouble(), text(node, "decision"), reasons,
                text(node, "route"), text(node, "requestId"));
        return new Parsed(record, prev);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }
}
