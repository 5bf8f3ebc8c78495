package fr.pretadepenser.scoring.logging;

import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Sends the logs of every library to the one backend, slf4j-simple, configured by {@value #CONFIGURATION} on the
 * class path (and {@code -Dorg.slf4j.simpleLogger...} system properties, which win over it).
 *
 * <p>SLF4J users (Javalin, Jetty) need nothing; Commons Logging 1.3 (PDFBox, XGBoost4J) picks SLF4J by itself when
 * it is on the class path; java.util.logging (openhtmltopdf, the JDK) is bridged here: its console handler is
 * removed and {@link SLF4JBridgeHandler} forwards its records. java.util.logging drops a record below its own
 * logger's level before any handler sees it, so the levels of the configuration are copied onto its loggers too:
 * {@code debug} for a library in the file is then enough to see its java.util.logging debug lines.
 */
public final class LibraryLogs {

    /** slf4j-simple's configuration file, read from the class path. */
    static final String CONFIGURATION = "simplelogger.properties";
    private static final String PREFIX = "org.slf4j.simpleLogger.";
    private static final String LOGGER = PREFIX + "log.";
    private static final String DEFAULT_LEVEL = PREFIX + "defaultLogLevel";

    // java.util.logging holds its loggers weakly: a level set on one that nobody references is lost when the
    // logger is collected. The loggers given a level here are kept for the life of the program.
    private static final List<Logger> LEVELLED = new ArrayList<>();

    private LibraryLogs() {
    }

    /**
     * Routes java.util.logging to SLF4J with the configured levels. Idempotent: the first call in a JVM does the
     * work, later ones (the command's main, then the server it starts) do nothing.
     *
     * @throws UncheckedIOException when {@value #CONFIGURATION} is on the class path but cannot be read
     */
    public static synchronized void route() {
        if (SLF4JBridgeHandler.isInstalled()) {
            return;
        }
        Map<String, Level> levels = julLevels(configuration());
        levels.forEach((name, level) -> {
            Logger logger = name.isEmpty() ? LogManager.getLogManager().getLogger("") : Logger.getLogger(name);
            logger.setLevel(level);
            LEVELLED.add(logger);
        });
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /**
     * The java.util.logging level of each logger the configuration names ({@code ""} for the default level), chosen
     * so that exactly the records SLF4J would print at that level pass.
     */
    static Map<String, Level> julLevels(Properties configuration) {
        Map<String, Level> levels = new TreeMap<>();
        for (String key : configuration.stringPropertyNames()) {
            String name = key.equals(DEFAULT_LEVEL) ? "" : key.startsWith(LOGGER) ? key.substring(LOGGER.length())
                    : null;
            Level level = name == null ? null : julLevel(configuration.getProperty(key));
            if (level != null) {
                levels.put(name, level);
            }
        }
        return levels;
    }

    /**
     * SLF4JBridgeHandler maps FINEST to trace, FINER and FINE to debug, CONFIG and INFO to info, WARNING to warn and
     * SEVERE to error; null for a value slf4j-simple does not know either (it then keeps its default).
     */
    private static Level julLevel(String slf4jLevel) {
        return switch (slf4jLevel.trim().toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.ALL;
            case "debug" -> Level.FINER;
            case "info" -> Level.CONFIG;
            case "warn" -> Level.WARNING;
            case "error" -> Level.SEVERE;
            case "off" -> Level.OFF;
            default -> null;
        };
    }

    /** The configuration as slf4j-simple reads it: the file, then the system properties over it. */
    private static Properties configuration() {
        Properties properties = new Properties();
        try (InputStream in = LibraryLogs.class.getClassLoader().getResourceAsStream(CONFIGURATION)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CONFIGURATION + " from the class path", e);
        }
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                .forEach(k -> properties.setProperty(k, System.getProperty(k)));
        return properties;
    }
}
