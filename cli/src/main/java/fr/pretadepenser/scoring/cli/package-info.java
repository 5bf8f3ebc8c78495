/**
 * The {@code scoring} command: one picocli subcommand per job, each wiring the core classes it needs.
 *
 * <p>{@code PasswordInput} stays hand-written: picocli's interactive options (4.7) prompt only when the option is
 * named, never ask twice to confirm, accept the password as an option value, and read standard input when there is
 * no console instead of refusing (checked on picocli 4.7.7).
 */
package fr.pretadepenser.scoring.cli;
