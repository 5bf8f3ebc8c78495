package fr.pretadepenser.scoring.cli;

/** Default paths shared by the commands, so that they find each other's output without options. */
final class Defaults {

    /** Where {@code ingest} writes and every later stage reads. */
    static final String DATABASE = "work/homecredit.duckdb";

    /** Where {@code train} writes model bundles ({@code models/current} is the one in use). */
    static final String MODELS = "models";

    /** Where {@code report} writes its notes. */
    static final String REPORTS = "reports";

    /** Where the dashboard's browser tests save their screenshots, which the committee deck shows. */
    static final String SCREENSHOTS = "docs/screenshots";

    /** Where {@code demo} generates its synthetic Kaggle files. */
    static final String DEMO_DATA = "work/demo-data";

    /** The security folder: the accounts file and the audit anchors' key. */
    static final String SECURITY = "work/security";

    /** The accounts of the API ({@code users} writes it, the server reads it at start). */
    static final String USERS = SECURITY + "/users.json";

    /** Where the decision audit logs are: one per server ({@code decisions-NAME.jsonl} for a replica). */
    static final String AUDIT_FOLDER = "work/audit";

    /** The decision audit log of a single server (it appends to it, {@code audit} exports and verifies it). */
    static final String AUDIT_LOG = AUDIT_FOLDER + "/decisions.jsonl";

    /** The audit log of the replica named {@code instance}: each replica appends to its own. */
    static java.nio.file.Path auditLogOf(String instance) {
        return java.nio.file.Path.of(AUDIT_FOLDER, "decisions-" + instance + ".jsonl");
    }

    private Defaults() {
    }
}
