package fr.pretadepenser.scoring.schema;

/** The part a column plays in linking the Home Credit tables. */
public enum KeyRole {
    /** Identifies a row of its table (SK_ID_CURR in the applications, SK_ID_BUREAU, SK_ID_PREV). */
    PRIMARY_KEY,
    /** Points at the primary key of another table (named by {@link Column#references()}). */
    FOREIGN_KEY,
    /** The outcome to predict: 1 for a client with payment difficulties, 0 otherwise. */
    TARGET,
    /** Any other column: what is known about the client or the credit. */
    ATTRIBUTE
}
