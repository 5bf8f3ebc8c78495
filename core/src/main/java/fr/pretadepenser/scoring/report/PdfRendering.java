package fr.pretadepenser.scoring.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;

import com.openhtmltopdf.util.XRLog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders an XHTML page with inline SVG to PDF in pure Java: openhtmltopdf lays the page out on PDFBox and draws
 * the SVG with Batik. No browser and no external program are involved.
 */
final class PdfRendering {

    // PDFBox warns on every run that it draws the standard Helvetica with a metric-compatible system font; the PDF
    // itself names Helvetica, so the warning tells the user nothing. Held here so that the setting is not collected.
    private static final Logger PDFBOX = Logger.getLogger("org.apache.pdfbox");

    private PdfRendering() {
    }

    /** Writes the PDF of {@code xhtml} (a well-formed XHTML document) to {@code target}. */
    static void render(String xhtml, Path target) throws IOException {
        PDFBOX.setLevel(Level.SEVERE);
        XRLog.listRegisteredLoggers().forEach(name -> XRLog.setLevel(name, Level.WARNING));
        try (OutputStream out = Files.newOutputStream(target)) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        }
    }
}
