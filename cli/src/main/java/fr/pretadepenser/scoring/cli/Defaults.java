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

    private Defaults() {
    }
}
