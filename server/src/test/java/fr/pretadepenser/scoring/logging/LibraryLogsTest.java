package fr.pretadepenser.scoring.logging;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibraryLogsTest {

    @Test
    void theProductLogsAtInfoLibrariesWarnAndPdfBoxOnlyItsErrors() {
        // SLF4J's levels come from the shipped simplelogger.properties.
        assertTrue(LoggerFactory.getLogger("access").isInfoEnabled(), "the access log");
        assertTrue(LoggerFactory.getLogger("fr.pretadepenser.scoring.audit.AuditLog").isInfoEnabled());
        assertFalse(LoggerFactory.getLogger("org.eclipse.jetty.server.Server").isInfoEnabled());
        assertTrue(LoggerFactory.getLogger("org.eclipse.jetty.server.Server").isWarnEnabled());
        assertFalse(LoggerFactory.getLogger("io.javalin.Javalin").isInfoEnabled());
        assertFalse(LoggerFactory.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font").isWarnEnabled());
        assertTrue(LoggerFactory.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font").isErrorEnabled());
    }

    @Test
    void commonsLoggingFollowsTheSameConfiguration() {
        // No bridge: commons-logging 1.3 finds SLF4J on the class path by itself (PDFBox, XGBoost4J log this way).
        Log pdfbox = LogFactory.getLog("org.apache.pdfbox.pdmodel.font.FileSystemFontProvider");
        assertFalse(pdfbox.isWarnEnabled(), pdfbox.getClass().getName());
        assertTrue(pdfbox.isErrorEnabled());
        assertFalse(LogFactory.getLog("ml.dmlc.xgboost4j.java.XGBoost").isInfoEnabled());
        assertTrue(LogFactory.getLog("fr.pretadepenser.scoring.Anything").isInfoEnabled());
    }

    @Test
    void javaUtilLoggingGoesToTheOneBackendWithTheSameLevels() {
        LibraryLogs.route();
        LibraryLogs.route();

        Handler[] root = LogManager.getLogManager().getLogger("").getHandlers();
        assertEquals(List.of(SLF4JBridgeHandler.class), Arrays.stream(root).map(Object::getClass).toList(),
                "java.util.logging's own console handler is gone, the bridge is there once");
        String printed = stderrOf(() -> {
            Logger.getLogger("com.openhtmltopdf.load").warning("a library warning");
            Logger.getLogger("com.openhtmltopdf.general").info("a library's progress");
            Logger.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font").warning("Using fallback font");
            Logger.getLogger("org.apache.pdfbox.pdmodel.PDDocument").severe("a PDFBox error");
            Logger.getLogger("fr.pretadepenser.scoring.report.Example").info("the product's progress");
        });
        assertEquals(List.of(
                "WARN com.openhtmltopdf.load - a library warning",
                "ERROR org.apache.pdfbox.pdmodel.PDDocument - a PDFBox error",
                "INFO fr.pretadepenser.scoring.report.Example - the product's progress"),
                // Only this thread's lines: the access log's writer thread may still print other tests' requests.
                printed.lines().filter(l -> l.startsWith("[" + Thread.currentThread().getName() + "] "))
                        .map(l -> l.replaceFirst("^\\[[^]]*] ", "")).toList());
    }

    @Test
    void copiesEachConfiguredLevelOntoJavaUtilLoggingSoThatDebugReachesTheBackend() {
        Properties configuration = new Properties();
        configuration.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        configuration.setProperty("org.slf4j.simpleLogger.log.fr.pretadepenser", "info");
        configuration.setProperty("org.slf4j.simpleLogger.log.com.openhtmltopdf", "DEBUG");
        configuration.setProperty("org.slf4j.simpleLogger.log.org.apache.pdfbox", "error");
        configuration.setProperty("org.slf4j.simpleLogger.log.quiet", "off");
        configuration.setProperty("org.slf4j.simpleLogger.log.all", "trace");
        configuration.setProperty("org.slf4j.simpleLogger.log.typo", "loud");
        configuration.setProperty("org.slf4j.simpleLogger.showThreadName", "true");

        assertEquals(Map.of("", Level.WARNING, "fr.pretadepenser", Level.CONFIG, "com.openhtmltopdf", Level.FINER,
                "org.apache.pdfbox", Level.SEVERE, "quiet", Level.OFF, "all", Level.ALL),
                LibraryLogs.julLevels(configuration));
    }

    private static String stderrOf(Runnable code) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
