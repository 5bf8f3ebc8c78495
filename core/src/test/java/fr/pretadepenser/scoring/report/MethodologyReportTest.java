package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.evaluation.Fairness;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Scorer;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodologyReportTest {

    private static final String SVG = "http://www.w3.org/2000/svg";

    static TinyBundle tiny;
    static Scorer scorer;
    static ModelBundle bundle;
    static String xhtml;
    static Document page;

    @BeforeAll
    static void renderTheNoteOfATinyBundle() throws Exception {
        tiny = TinyBundle.get();
        scorer = tiny.scorer();
        bundle = scorer.bundle();
        xhtml = new MethodologyReport(scorer, HomeCreditSchema.load(), tiny.database()).xhtml();
        page = parse(xhtml);
    }

    @Test
    void isWellFormedXhtmlWithALanguageAndATitle() {
        Element html = page.getDocumentElement();
        assertEquals("html", html.getLocalName());
        assertEquals("http://www.w3.org/1999/xhtml", html.getNamespaceURI());
        assertEquals("en", html.getAttribute("lang"));
        assertEquals("Methodology note - model " + bundle.manifest().version(),
                page.getElementsByTagNameNS("*", "title").item(0).getTextContent());
    }

    @Test
    void showsTheBundlesAucAndThresholdAsFormatted() {
        BundleManifest m = bundle.manifest();
        assertTrue(xhtml.contains("Out-of-fold ROC AUC " + String.format(Locale.ROOT, "%.4f", m.model().rocAuc())),
                "AUC missing");
        assertTrue(xhtml.contains("threshold " + String.format(Locale.ROOT, "%.4f", m.threshold())),
                "threshold missing");
        assertTrue(xhtml.contains(String.format(Locale.ROOT, "%,d labelled applications", m.trainingRows())));
    }

    @Test
    void drawsOneTitledSvgPerPlot() {
        NodeList charts = page.getElementsByTagNameNS(SVG, "svg");
        List<String> titles = new java.util.ArrayList<>();
        for (int i = 0; i < charts.getLength(); i++) {
            Element chart = (Element) charts.item(i);
            titles.add(chart.getElementsByTagNameNS(SVG, "title").item(0).getTextContent());
            assertEquals("img", chart.getAttribute("role"));
        }
        assertEquals(List.of("Out-of-fold ROC AUC by model", "Normalised cost against threshold", "ROC curve",
                "Precision-recall curve", "Calibration", "Mean absolute SHAP per original variable, top 20",
                "Waterfall of client " + workedClient()), titles);
    }

    @Test
    void countsTheFeaturesOfEachSourceTableFromTheManifest() {
        Element body = (Element) table("Features per source table (from the feature manifest)")
                .getElementsByTagNameNS("*", "tbody").item(0);
        NodeList rows = body.getElementsByTagNameNS("*", "tr");
        Element total = (Element) rows.item(rows.getLength() - 1);
        assertEquals("total", total.getElementsByTagNameNS("*", "th").item(0).getTextContent());
        assertEquals(String.format(Locale.ROOT, "%,d", bundle.manifest().featureCount()),
                total.getElementsByTagNameNS("*", "td").item(0).getTextContent());
        long tables = bundle.features().features().stream().map(f -> f.table()).distinct().count();
        assertEquals(tables + 1, rows.getLength());
    }

    @Test
    void saysTheModelReadsEveryFeatureWhenNoneWasSelected() {
        assertTrue(xhtml.contains("The model reads every one of the " + bundle.manifest().featureCount()
                + " features built."));
    }

    @Test
    void listsEveryFairnessGroupInItsTable() {
        Element table = table("Approval, default rate and AUC per group");
        int groups = bundle.manifest().fairness().values().stream().mapToInt(List::size).sum();
        Element body = (Element) table.getElementsByTagNameNS("*", "tbody").item(0);
        assertEquals(groups, body.getElementsByTagNameNS("*", "tr").getLength());
    }

    @Test
    void flagsAGroupUnderFourFifthsInWordsAndNotByColourAlone() throws Exception {
        BundleManifest m = bundle.manifest();
        Map<String, List<Fairness.Group>> unfair = Map.of("CODE_GENDER", List.of(
                new Fairness.Group("F", 100, 0.9, 0.05, 0.7, 1.0, false),
                new Fairness.Group("M", 100, 0.6, 0.09, 0.7, 0.6667, true)));
        Xhtml out = new Xhtml();
        new ExplanationSections(copy(m, m.classWeighting(), m.search(), unfair), HomeCreditSchema.load()).fairness(out);
        String section = out.toString();
        assertTrue(section.contains("<td class=\"flag\">0.667 REVIEW (under 0.8)</td>"), section);
        assertTrue(section.contains("<td>1.000 ok</td>"), section);
    }

    @Test
    void tablesClassWeightingWhenCompared() {
        BundleManifest m = bundle.manifest();
        List<BundleManifest.ClassWeighting> compared = List.of(
                new BundleManifest.ClassWeighting(1, 0.71, 0.09, 0.62, false),
                new BundleManifest.ClassWeighting(11.5, 0.72, 0.08, 0.61, true));
        Xhtml out = new Xhtml();
        new ModelSections(copy(m, compared, m.search(), m.fairness()), bundle.features()).models(out);
        String section = out.toString();
        assertTrue(section.contains("<caption>Class weighting compared by business cost"), section);
        assertTrue(section.contains("<th scope=\"row\">11.50</th><td>0.7200</td>") && section.contains("yes (chosen)"),
                section);
        assertFalse(section.contains("Class weighting was not compared"), section);
    }

    @Test
    void saysClassWeightingWasNotComparedAfterOneTrial() {
        BundleManifest m = bundle.manifest();
        Xhtml out = new Xhtml();
        new ModelSections(copy(m, List.of(), m.search(), m.fairness()), bundle.features()).models(out);
        String section = out.toString();
        assertTrue(section.contains(Xhtml.escape("Class weighting was not compared: this model was trained with one"
                + " search trial, which fits the first trial's parameters as given (scale_pos_weight "
                + String.format(Locale.ROOT, "%.2f", m.parameters().scalePosWeight()) + ")")), section);
        assertFalse(section.contains("<caption>Class weighting compared"), section);
    }

    @Test
    void marksAPrunedTrialAndSaysWhy() {
        BundleManifest m = bundle.manifest();
        Xhtml plain = new Xhtml();
        new ModelSections(m, bundle.features()).models(plain);
        assertFalse(plain.toString().contains("A pruned trial stopped"), plain.toString());

        List<BundleManifest.SearchTrial> search = new ArrayList<>(m.search());
        search.add(new BundleManifest.SearchTrial(search.size(), m.parameters(), 0.70123, 0.004, 40, 3.5, 2));
        Xhtml out = new Xhtml();
        new ModelSections(copy(m, m.classWeighting(), search, m.fairness()), bundle.features()).models(out);
        String section = out.toString();
        assertTrue(section.contains("<td>0.7012 (pruned after 2 of " + m.settings().folds() + " folds)</td>"),
                section);
        assertTrue(section.contains(Xhtml.escape("A pruned trial stopped before its last fold: after at least 2"
                + " folds, its validation AUC was lower than the best complete trial's on the same folds by a"
                + " one-sided paired t-test at the 5% level.")), section);
    }

    @Test
    void explainsTheClientNearestTheThresholdFromTheFeatureTable() {
        assertTrue(xhtml.contains("Client " + workedClient() + " has the out-of-fold probability nearest the"
                + " threshold"));
        assertFalse(xhtml.contains("No local explanation in this note"));
    }

    @Test
    void saysSoWhenTheFeatureDatabaseIsMissing(@TempDir Path tmp) {
        String without = new MethodologyReport(scorer, HomeCreditSchema.load(), tmp.resolve("none.duckdb")).xhtml();
        assertTrue(without.contains("No local explanation in this note: the feature database "
                + tmp.resolve("none.duckdb") + " is not available"), "no notice");
        assertFalse(without.contains("Waterfall of client"));
    }

    @Test
    void writesTheHtmlAndAPdfWithPagesAndNoTemporaryFile(@TempDir Path tmp) throws Exception {
        MethodologyReport.Output written = new MethodologyReport(scorer, HomeCreditSchema.load(), tiny.database())
                .write(tmp.resolve("reports"));
        assertEquals(xhtml, Files.readString(written.html()));
        byte[] pdf = Files.readAllBytes(written.pdf());
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertTrue(document.getNumberOfPages() > 1, "pages: " + document.getNumberOfPages());
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains(String.format(Locale.ROOT, "%.4f", bundle.manifest().model().rocAuc())));
        }
        try (var files = Files.list(tmp.resolve("reports"))) {
            assertEquals(List.of("methodology.html", "methodology.pdf"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    private static String workedClient() {
        String marker = "Client ";
        int at = xhtml.indexOf(marker, xhtml.indexOf("id=\"local\""));
        return xhtml.substring(at + marker.length(), xhtml.indexOf(' ', at + marker.length()));
    }

    private static Element table(String caption) {
        NodeList captions = page.getElementsByTagNameNS("*", "caption");
        for (int i = 0; i < captions.getLength(); i++) {
            if (captions.item(i).getTextContent().equals(caption)) {
                return (Element) captions.item(i).getParentNode();
            }
        }
        throw new AssertionError("no table captioned " + caption);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // The page must parse on its own: no DTD or external entity may be needed.
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code m} with another class-weighting log, search log and fairness groups. */
    private static BundleManifest copy(BundleManifest m, List<BundleManifest.ClassWeighting> classWeighting,
                                       List<BundleManifest.SearchTrial> search,
                                       Map<String, List<Fairness.Group>> fairness) {
        return new BundleManifest(m.version(), m.createdAt(), m.settings(), m.dataFingerprint(), m.sourceFiles(),
                m.trainingRows(), m.defaultRate(), m.featureCount(), m.parameters(), m.rounds(), m.threshold(),
                m.cost(), m.model(), m.prior(), m.logistic(), classWeighting, search, m.atThreshold(),
                m.atHalf(), m.normalizedCost(), m.costCurve(), m.calibration(), m.roc(), m.precisionRecall(),
                fairness, m.shapImportance(), m.gainImportance(), m.featureReference(), m.scoreReference(),
                m.libraries(), m.scorecard(), m.selection());
    }
}
