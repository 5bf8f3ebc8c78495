/**
 * Where the libraries' logs go: {@link fr.pretadepenser.scoring.logging.LibraryLogs} routes java.util.logging into
 * SLF4J, whose one backend (slf4j-simple) writes every line to the console with the levels of
 * {@code simplelogger.properties}; Commons Logging finds SLF4J by itself. The scoring command and the server set it
 * up once at start-up.
 */
package fr.pretadepenser.scoring.logging;
