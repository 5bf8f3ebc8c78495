package fr.pretadepenser.scoring.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.pretadepenser.scoring.audit.AuditRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Writes audit records as JSON lines or CSV; the hash chain is left out, since an extract is not the log. */
final class AuditExport {

    static final String CSV_HEADER = "time,user,model_version,client_ref,probability,decision,reasons,route,request_id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer out;
    private final boolean csv;
    private long count;

    AuditExport(Writer out, boolean csv) throws IOException {
        this.out = out;
        this.csv = csv;
        if (csv) {
            out.write(CSV_HEADER + "\n");
        }
    }

    /** Writes one record; an I/O error is rethrown unchecked so this can be a {@code Consumer}. */
    void write(AuditRecord r) {
        try {
            out.write(csv ? csvLine(r) : jsonLine(r));
            out.write('\n');
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count() {
        return count;
    }

    private static String jsonLine(AuditRecord r) throws JsonProcessingException {
        ObjectNode node = JSON.createObjectNode().put("time", r.time().toString()).put("user", r.user())
                .put("modelVersion", r.modelVersion()).put("clientRef", r.clientRef())
                .put("probability", r.probability()).put("decision", r.decision());
        r.reasons().forEach(node.putArray("reasons")::add);
        node.put("route", r.route()).put("requestId", r.requestId());
        return JSON.writeValueAsString(node);
    }

    private static String csvLine(AuditRecord r) {
        return String.join(",", r.time().toString(), quoted(r.user()), quoted(r.modelVersion()), r.clientRef(),
                Double.toString(r.probability()), r.decision(), quoted(String.join(";", r.reasons())),
                quoted(r.route()), quoted(r.requestId()));
    }

    /** RFC 4180 quoting where needed. */
    private static String quoted(String value) {
        if (value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
