package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Scorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The risk committee's methodology note of one model bundle: data and features, validation design, models
 * compared, cost threshold, curves, decisions, importance, one worked client, fairness and limits. Rendered as one
 * self-contained XHTML page (inline SVG, no script, no external file) and as a PDF of that page.
 *
 * <p>Every number comes from the bundle; the only other input is the feature table, read for the worked client's
 * feature row (the note says so when it is missing).
 */
public final class MethodologyReport {

    /** The file name of the HTML note. */
    public static final String HTML = "methodology.html";

    /** The file name of the PDF note. */
    public static final String PDF = "methodology.pdf";

    private final Scorer scorer;
    private final ModelBundle bundle;
    private final HomeCreditSchema schema;
    private final Path database;

    /**
     * A note of that bundle.
     *
     * @param scorer   scores with the model bundle
     * @param schema   the Home Credit schema, for the variables' descriptions
     * @param database the DuckDB file holding the feature table, or null; used only for the worked client
     */
    public MethodologyReport(Scorer scorer, HomeCreditSchema schema, Path database) {
        this.scorer = scorer;
        this.bundle = scorer.bundle();
        this.schema = schema;
        this.database = database;
    }

    /**
     * The files written.
     *
     * @param html the XHTML note
     * @param pdf  the PDF note
     */
    public record Output(Path html, Path pdf) {
    }

    /** The note as a well-formed XHTML document. */
    public String xhtml() {
        BundleManifest m = bundle.manifest();
        Xhtml page = new Xhtml();
        page.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>"
                + "\n<meta charset=\"UTF-8\"/>\n<title>" + Xhtml.escape("Methodology note - model " + m.version())
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>");
        page.heading(1, "top", "Credit scoring model: methodology note");
        page.paragraph("Prêt à dépenser - risk committee. Model " + m.version() + ", trained " + m.createdAt()
                + " with Java " + m.libraries().getOrDefault("java", "?") + ", XGBoost4J "
                + m.libraries().getOrDefault("xgboost4j", "?") + ". Generated from the model bundle "
                + bundle.directory().getFileName() + "; every figure below is read from it.");
        page.raw("<p class=\"summary\">" + Xhtml.escape("Out-of-fold ROC AUC " + Xhtml.number(m.model().rocAuc(), 4)
                + " (logistic regression " + Xhtml.number(m.logistic().rocAuc(), 4) + "); threshold "
                + Xhtml.number(m.threshold(), 4) + "; approval " + Xhtml.percent(m.atThreshold().approvalRate())
                + ", recall of defaulters " + Xhtml.percent(m.atThreshold().recall()) + "; normalised cost "
                + Xhtml.number(m.normalizedCost(), 3) + ".") + "</p>");
        ModelSections model = new ModelSections(m, bundle.features());
        model.data(page);
        new SelectionSection(m.selection(), bundle.features()).write(page);
        model.validation(page);
        model.models(page);
        new ScorecardSection(m).write(page);
        model.cost(page);
        model.curves(page);
        ExplanationSections explanations = new ExplanationSections(m, schema);
        explanations.importance(page);
        explanations.workedExample(page, WorkedExample.of(scorer, database));
        explanations.fairness(page);
        explanations.limits(page);
        page.raw("</main>\n</body>\n</html>");
        return page.toString();
    }

    /**
     * Writes {@value #HTML} and {@value #PDF} into {@code folder} (created if needed), each through a temporary file
     * renamed at the end, so that a reader never sees half a note.
     */
    public Output write(Path folder) throws IOException {
        Files.createDirectories(folder);
        String xhtml = xhtml();
        Path html = folder.resolve(HTML);
        Path pdf = folder.resolve(PDF);
        PdfRendering.writeWithPdf(xhtml, html, pdf);
        return new Output(html, pdf);
    }

    // Black text on white, dark accents: contrast well above 4.5:1. The flag says REVIEW in words as well as red.
    static final String STYLE = """
            @page { size: A4; margin: 14mm; }
            body { font-family: Helvetica, Arial, sans-serif; color: #000000; background: #ffffff; font-size: 10.5pt;
                   line-height: 1.35; }
            main { max-width: 720px; margin: 0 auto; }
            h1 { font-size: 18pt; color: #1f4e79; }
            h2 { font-size: 14pt; color: #1f4e79; border-bottom: 1px solid #1f4e79; margin-top: 22px; }
            h3 { font-size: 11.5pt; }
            p.summary { border: 1px solid #1f4e79; padding: 6px 8px; background: #eef3f8; }
            table { border-collapse: collapse; margin: 8px 0 14px 0; font-size: 8.5pt; width: 100%; }
            table.fixed { table-layout: fixed; }
            caption { text-align: left; font-weight: bold; padding-bottom: 4px; }
            th, td { border: 1px solid #8c8c8c; padding: 2px 4px; text-align: left; vertical-align: top;
                     word-wrap: break-word; }
            thead th { background: #dde6ef; }
            td.flag { color: #b00020; font-weight: bold; }
            figure { margin: 10px 0; page-break-inside: avoid; }
            figcaption { font-size: 9pt; font-style: italic; }
            svg { display: block; }
            """;
}
