package fr.pretadepenser.scoring.report;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * openhtmltopdf's log as plain java.util.logging: each record goes to the logger it names
 * ({@code com.openhtmltopdf.load}, ...) and on up to the handlers of the program, with the levels the program sets.
 * openhtmltopdf's own default logger instead prints INFO and above straight to the console with handlers of its own,
 * past whatever the program configured.
 */
final class OpenHtmlToPdfLog implements XRLogger {

    // logp names the source: java.util.logging would otherwise walk the stack and name this class.
    @Override
    public void log(String where, Level level, String msg) {
        Logger.getLogger(where).logp(level, where, null, msg);
    }

    @Override
    public void log(String where, Level level, String msg, Throwable th) {
        Logger.getLogger(where).logp(level, where, null, msg, th);
    }

    /** Sets the java.util.logging level of {@code logger}, as openhtmltopdf's {@code XRLog.setLevel} asks. */
    @Override
    public void setLevel(String logger, Level level) {
        Logger.getLogger(logger).setLevel(level);
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return Logger.getLogger(diagnostic.getLogMessageId().getWhere()).isLoggable(diagnostic.getLevel());
    }
}
