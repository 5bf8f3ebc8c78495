package fr.pretadepenser.scoring.cli;

/** Default paths shared by the commands, so that they find each other's output without options. */
final class Defaults {

    /** Where {@code ingest} writes and every later stage reads. */
    static final String DATABASE = "work/homecredit.duckdb";

    /** Where {@code train} writes model bundles ({@code models/current} is the one in use). */
    static final String MODELS = "models";

    /** Where {@code report} writes its notes. */
    static final String REPORTS = "reports";

    /** Where {@code demo} generates its synthetic Kaggle files. */
    static final String DEMO_DATA = "work/demo-data";

    /** The security folder: the accounts file and the audit anchors' key. */
    static final String SECURITY = "work/security";

    /** The accounts of the API ({@code users} writes it, the server reads it at start). */
    static final String USERS = SECURITY + "/users.json";

    /** The decision audit log (the server appends to it, {@code audit} exports and verifies it). */
    static final String AUDIT_LOG = "work/audit/decisions.jsonl";

    private Defaults() {
    }
}
