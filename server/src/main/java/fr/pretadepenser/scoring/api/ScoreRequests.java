package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.audit.AuditRecord;
import fr.pretadepenser.scoring.data.check.FieldProblem;
import fr.pretadepenser.scoring.data.check.InvalidApplicationException;
import fr.pretadepenser.scoring.features.Application;
import fr.pretadepenser.scoring.features.ClientRecords;
import fr.pretadepenser.scoring.features.History;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one score request ({@code {"application": {...}, "history": {...}}}) into what the scorer reads, after the
 * application check has found nothing wrong: the history sent, else the stored one of a known client, else none.
 */
final class ScoreRequests {

    private static final Set<String> KEYS = Set.of("application", "history");

    private static final ObjectMapper TREES = new ObjectMapper();

    private final ApiServices services;

    ScoreRequests(ApiServices services) {
        this.services = services;
    }

    /**
     * A checked request.
     *
     * @param records   what the scorer reads
     * @param history   {@code sent}, {@code stored} or {@code none}
     * @param reference the audit log's reference: {@code input:<SHA-256 of the request>}, preceded by
     *                  {@code client:<id>} when a stored client's application was edited
     */
    record Parsed(ClientRecords records, String history, String reference) {
    }

    /**
     * Checks a request and converts it.
     *
     * @param prefix prefix of the field names in problems ({@code applications[3].} in a batch)
     * @throws InvalidApplicationException listing every problem
     */
    Parsed parse(Object request, String prefix) {
        if (!(request instanceof Map<?, ?> map)) {
            throw new InvalidApplicationException(List.of(new FieldProblem(prefix.isEmpty() ? "body"
                    : prefix.substring(0, prefix.length() - 1), "expected an object {\"application\": {...}}")));
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (Object key : map.keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new FieldProblem(prefix + key, "unknown field; expected 'application' and optionally"
                        + " 'history'"));
            }
        }
        Object application = map.get("application");
        Object history = map.get("history");
        if (application == null) {
            problems.add(new FieldProblem(prefix + "application", "required: the application's fields"));
        } else {
            problems.addAll(services.check().applicationProblems(application, prefix + "application"));
        }
        if (history != null) {
            problems.addAll(services.check().historyProblems(history, prefix + "history"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidApplicationException(problems);
        }
        Application checked = services.check().application(application);
        if (history != null) {
            History rows = services.check().history(history);
            return new Parsed(ClientRecords.withHistory(checked, rows), "sent", inputRef(request));
        }
        boolean stored = checked.clientId() > 0 && services.clients().probability(checked.clientId()).isPresent();
        if (stored) {
            return new Parsed(ClientRecords.edited(checked), "stored",
                    AuditRecord.clientRef(checked.clientId()) + " " + inputRef(request));
        }
        return new Parsed(ClientRecords.withHistory(checked, History.NONE), "none", inputRef(request));
    }

    private static String inputRef(Object request) {
        return AuditRecord.inputRef(TREES.<JsonNode>valueToTree(request));
    }
}
