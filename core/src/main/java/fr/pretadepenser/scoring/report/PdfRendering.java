package fr.pretadepenser.scoring.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Renders an XHTML page with inline SVG to PDF in pure Java: openhtmltopdf lays the page out on PDFBox and draws
 * the SVG with Batik. No browser and no external program are involved.
 *
 * <p>The libraries log through the program's logging: PDFBox through Commons Logging, openhtmltopdf through
 * java.util.logging ({@link OpenHtmlToPdfLog}). Which of their lines show is the program's choice (the scoring
 * command's is in the server module's {@code simplelogger.properties}), never set here.
 */
final class PdfRendering {

    static {
        XRLog.setLoggerImpl(new OpenHtmlToPdfLog());
    }

    private PdfRendering() {
    }

    /**
     * Writes {@code xhtml} to {@code html} and its PDF to {@code pdf}, each through a temporary file beside it renamed
     * at the end, so that a reader never sees half a document (a failure leaves no temporary file either).
     */
    static void writeWithPdf(String xhtml, Path html, Path pdf) throws IOException {
        Path htmlTemporary = html.resolveSibling("." + html.getFileName() + ".partial");
        Path pdfTemporary = pdf.resolveSibling("." + pdf.getFileName() + ".partial");
        try {
            Files.writeString(htmlTemporary, xhtml, StandardCharsets.UTF_8);
            render(xhtml, pdfTemporary);
            Files.move(htmlTemporary, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(pdfTemporary, pdf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(htmlTemporary);
            Files.deleteIfExists(pdfTemporary);
        }
    }

    /** Writes the PDF of {@code xhtml} (a well-formed XHTML document) to {@code target}. */
    static void render(String xhtml, Path target) throws IOException {
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
