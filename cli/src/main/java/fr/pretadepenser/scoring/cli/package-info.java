/**
 * The {@code scoring} command: one picocli subcommand per job, each wiring the core classes it needs.
 */
package fr.pretadepenser.scoring.cli;
