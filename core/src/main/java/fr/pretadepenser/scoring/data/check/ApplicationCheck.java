package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.data.Application;
import fr.pretadepenser.scoring.data.ClientRecords;
import fr.pretadepenser.scoring.data.History;
import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a scoring request as a JSON parser hands it over (maps, lists, strings, numbers, booleans, nulls) and
 * turns it into the records the feature builder reads, or reports every problem at once, each naming its field.
 *
 * <p>What is checked: the application is an object of application_train columns (not TARGET), with the
 * {@link #REQUIRED} ones present; each value has its column's type, lies in the range of {@link Ranges} and, for
 * a text column, is one of the categories the model was trained on; the history is an object of the six side
 * tables, lists of rows checked the same way, that belong to one client and link to one another by their keys.
 * Any input gives either a result or an {@link InvalidApplicationException}, never another exception.
 *
 * <p>Immutable and thread-safe: one instance serves every request of a model.
 */
public final class ApplicationCheck {

    /** Fields a new application must have (one source of truth; the dashboard form and the docs read it). */
    public static final List<String> REQUIRED = List.of("NAME_CONTRACT_TYPE", "CODE_GENDER", "AMT_INCOME_TOTAL",
            "AMT_CREDIT", "DAYS_BIRTH");

    private static final Map<String, String> REFUSED = Map.of("TARGET",
            "TARGET is the outcome, not an input; leave it out");

    private final RowCheck applicationRows;
    private final Map<String, ColumnType> requiredTypes = new HashMap<>();
    private final HistoryCheck history;

    /**
     * @param schema       the Home Credit schema (the application columns are application_train's)
     * @param vocabularies the categories of the model's text columns, from its feature manifest
     */
    public ApplicationCheck(HomeCreditSchema schema, Vocabularies vocabularies) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(vocabularies, "vocabularies");
        Table applications = schema.table(HomeCreditSchema.APPLICATION_TRAIN);
        this.applicationRows = new RowCheck(HomeCreditSchema.APPLICATION, applications, vocabularies, REFUSED,
                true);
        for (String name : REQUIRED) {
            requiredTypes.put(name, applications.column(name).type());
        }
        this.history = new HistoryCheck(schema, vocabularies);
    }

    /**
     * Every problem of an application, empty when it is valid.
     *
     * @param application the application as parsed from JSON: an object of column values
     * @param where       the application's path in the request, prefixed to field names, e.g. {@code application}
     *                    or {@code applications[4].application}
     */
    public List<FieldProblem> applicationProblems(Object application, String where) {
        Problems problems = new Problems(where);
        checkApplication(application, where, problems);
        return problems.list();
    }

    /**
     * Every problem of a history on its own, empty when it is valid; rows naming an SK_ID_CURR must agree with one
     * another (use {@link #problems} to compare them with the application's).
     *
     * @param history the history as parsed from JSON: {@code {"bureau": [{...}], "bureau_balance": [...],
     *                "previous_application": [...], "POS_CASH_balance": [...], "installments_payments": [...],
     *                "credit_card_balance": [...]}}, every key optional
     * @param where   the history's path in the request, e.g. {@code history}
     */
    public List<FieldProblem> historyProblems(Object history, String where) {
        Problems problems = new Problems(where);
        this.history.check(history, where, null, problems);
        return problems.list();
    }

    /**
     * Every problem of an application and its history, empty when both are valid.
     *
     * @param history the history, or null when the request has none
     * @param where   the request's path, e.g. {@code applications[4]}, or empty for a request of one application:
     *                fields are then named {@code application.X} and {@code history.bureau[0].X}
     */
    public List<FieldProblem> problems(Object application, Object history, String where) {
        Problems problems = new Problems(where.isEmpty() ? "request" : where);
        check(application, history, where, problems);
        return problems.list();
    }

    /**
     * A request found valid: its rows converted to their columns' types, and what is scored anyway but worth a
     * warning.
     *
     * @param application the application (SK_ID_CURR 0 for a new applicant)
     * @param history     the history sent, or null when the request has none
     * @param warnings    categories the model never saw or the Kaggle files lack, history rows linked to nothing
     */
    public record Checked(Application application, History history, List<ScoringWarning> warnings) {

        /** Copies the warnings so that a checked request cannot change. */
        public Checked {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Checks an application and its history, each on its own (history rows naming an SK_ID_CURR must agree with
     * one another), and converts them.
     *
     * @param history the history, or null when the request has none
     * @param prefix  prefixed to field names: empty for a request of one application ({@code application.X},
     *                {@code history.bureau[0].X}), {@code applications[4].} in a batch
     * @throws InvalidApplicationException listing every problem of both
     */
    public Checked check(Object application, Object history, String prefix) {
        Problems problems = new Problems(prefix + "application");
        Application checked = checkApplication(application, prefix + "application", problems);
        History rows = history == null ? null : this.history.check(history, prefix + "history", null, problems);
        problems.throwIfAny();
        return new Checked(checked, rows, problems.warnings());
    }

    /**
     * Checks and converts an application; SK_ID_CURR left out (a new applicant) becomes 0.
     *
     * @throws InvalidApplicationException listing every problem, fields named {@code application.X}
     */
    public Application application(Object application) {
        Problems problems = new Problems("application");
        Application checked = checkApplication(application, "application", problems);
        problems.throwIfAny();
        return checked;
    }

    /**
     * Checks and converts a history on its own (see {@link #historyProblems}).
     *
     * @throws InvalidApplicationException listing every problem, fields named {@code history.table[i].X}
     */
    public History history(Object history) {
        Problems problems = new Problems("history");
        History checked = this.history.check(history, "history", null, problems);
        problems.throwIfAny();
        return checked;
    }

    /**
     * Checks and converts a request: an application and its history. Without a history, an application naming
     * SK_ID_CURR is a stored client's (its side features are the stored ones) and one without is a new applicant
     * with no history at all.
     *
     * @param history the history, or null when the request has none
     * @throws InvalidApplicationException listing every problem of both
     */
    public ClientRecords records(Object application, Object history) {
        Problems problems = new Problems("request");
        ClientRecords records = check(application, history, "", problems);
        problems.throwIfAny();
        return records;
    }

    private ClientRecords check(Object application, Object history, String where, Problems problems) {
        String prefix = where.isEmpty() ? "" : where + ".";
        Application checked = checkApplication(application, prefix + "application", problems);
        if (history == null) {
            if (checked == null) {
                return null;
            }
            return checked.clientId() == 0 ? ClientRecords.withHistory(checked, History.NONE)
                    : ClientRecords.edited(checked);
        }
        History rows = this.history.check(history, prefix + "history", clientId(application), problems);
        return checked == null || rows == null ? null : ClientRecords.withHistory(checked, rows);
    }

    /** The application, or null when something is wrong with it (the problems are in {@code problems}). */
    private Application checkApplication(Object application, String where, Problems problems) {
        int before = problems.found();
        if (!(application instanceof Map<?, ?> object)) {
            problems.add(where, "expected an object of application columns, got " + Shown.value(application));
            return null;
        }
        Map<String, Object> raw = RowCheck.named(object, where, problems);
        Map<String, Object> values = applicationRows.check(raw, where, problems);
        for (String name : REQUIRED) {
            if (raw.get(name) == null) {
                problems.add(where + "." + name, "required in every application: expected "
                        + requiredTypes.get(name).expectation() + ", got "
                        + (raw.containsKey(name) ? "null" : "nothing"));
            }
        }
        checkEmployment(values, where, problems);
        if (problems.found() > before) {
            return null;
        }
        if (values.get(Application.CLIENT_ID) == null) {
            values.put(Application.CLIENT_ID, 0L);
        }
        return new Application(values);
    }

    /** Nobody works longer than they have lived: DAYS_EMPLOYED is no earlier than DAYS_BIRTH. */
    private static void checkEmployment(Map<String, Object> values, String where, Problems problems) {
        if (values.get("DAYS_EMPLOYED") instanceof Long employed && values.get("DAYS_BIRTH") instanceof Long birth
                && employed != Ranges.NO_DATE && employed < birth) {
            problems.add(where + ".DAYS_EMPLOYED", "expected employment no longer than the client's life"
                    + " (>= DAYS_BIRTH, " + birth + "), got " + employed);
        }
    }

    /**
     * The SK_ID_CURR the history's rows must repeat: the application's, 0 when it names none (a new applicant),
     * null when it cannot be told (the application's problems say why).
     */
    private static Long clientId(Object application) {
        if (!(application instanceof Map<?, ?> object)) {
            return null;
        }
        Object id = null;
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            if (Application.CLIENT_ID.equals(entry.getKey())) {
                id = entry.getValue();
            }
        }
        if (id == null) {
            return 0L;
        }
        ValueReader.Reading reading = ValueReader.read(ColumnType.INTEGER, id);
        return reading.ok() && (Long) reading.value() > 0 ? (Long) reading.value() : null;
    }
}
