package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.ReasonCode;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.evaluation.Decision;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Score;
import fr.pretadepenser.scoring.score.Scorer;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeckReportTest {

    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    static TinyBundle tiny;
    static Scorer scorer;
    static BundleManifest m;

    @BeforeAll
    static void trainTheTinyBundle() throws Exception {
        tiny = TinyBundle.get();
        scorer = tiny.scorer();
        m = scorer.bundle().manifest();
    }

    static DeckReport deck(Path database, Optional<DeckInputs.Drift> drift, Path screenshots, Language language) {
        return new DeckReport(scorer, HomeCreditSchema.load(), new DeckInputs(database, drift, screenshots, language));
    }

    /** The deck in French, with its database, written once: HTML and PDF. */
    @Nested
    class InFrench {

        static DeckReport.Output written;
        static String html;
        static String pdfText;
        static int pages;
        static DeckEvidence evidence;

        @BeforeAll
        static void writeTheDeck(@TempDir Path folder) throws Exception {
            written = deck(tiny.database(), Optional.empty(), null, Language.FR).write(folder.resolve("reports"));
            html = Files.readString(written.html(), StandardCharsets.UTF_8);
            try (PDDocument pdf = Loader.loadPDF(written.pdf().toFile())) {
                pages = pdf.getNumberOfPages();
                pdfText = flat(new PDFTextStripper().getText(pdf));
            }
            evidence = DeckEvidence.read(tiny.database(), scorer, HomeCreditSchema.load(), Language.FR);
        }

        @Test
        void everySlideIsASectionWithAHeadingInWellFormedXhtml() throws Exception {
            Document page = parse(html);
            assertEquals("fr", page.getDocumentElement().getAttribute("lang"));
            List<Element> slides = slides(page);
            assertEquals(written.slides().size(), slides.size());
            assertTrue(slides.size() >= 12 && slides.size() <= 16, slides.size() + " slides");
            for (int i = 0; i < slides.size(); i++) {
                Element heading = (Element) slides.get(i).getElementsByTagNameNS(XHTML, i == 0 ? "h1" : "h2").item(0);
                assertEquals(written.slides().get(i), heading.getTextContent());
                assertEquals(heading.getAttribute("id"), slides.get(i).getAttribute("aria-labelledby"));
            }
        }

        @Test
        void thePdfHasOnePagePerSlide() {
            assertEquals(written.slides().size(), pages, "a slide that overflows its page makes two");
            for (String title : written.slides()) {
                assertTrue(pdfText.contains(flat(title)), "slide title missing from the PDF: " + title);
            }
        }

        @Test
        void theAucThresholdAndApprovalInThePdfAreTheBundles() {
            NumberStyle fr = NumberStyle.FRENCH;
            assertTrue(pdfText.contains("AUC hors échantillon " + flat(fr.number(m.model().rocAuc(), 4))),
                    "AUC " + m.model().rocAuc() + " missing");
            assertTrue(pdfText.contains("refus à partir d'une probabilité de défaut de "
                    + flat(fr.percent(m.threshold(), 1))), "threshold " + m.threshold() + " missing");
            assertTrue(pdfText.contains(flat(fr.percent(m.atThreshold().approvalRate(), 1)) + " Taux d'acceptation"),
                    "approval rate " + m.atThreshold().approvalRate() + " missing");
            long missed = m.atThreshold().falseNegatives();
            assertTrue(pdfText.contains(flat(fr.count(missed))), "defaulters granted " + missed + " missing");
        }

        @Test
        void theRefusedAndGrantedClientsReasonCodesAreInThePdf() {
            Score refused = evidence.refused().orElseThrow();
            Score granted = evidence.granted().orElseThrow();
            assertEquals(Decision.REFUSED, refused.decision());
            assertTrue(refused.probability() >= m.threshold());
            assertEquals(Decision.GRANTED, granted.decision());
            List<String> reasons = new ArrayList<>();
            reasons.add(refused.against().get(0).sentence());
            reasons.add(granted.inFavour().get(0).sentence());
            for (String reason : reasons) {
                assertTrue(pdfText.contains(flat(reason)), "reason code missing from the PDF: " + reason);
            }
            assertTrue(pdfText.contains("Client " + refused.clientId() + " : probabilité de défaut "
                    + flat(NumberStyle.FRENCH.percent(refused.probability(), 1)) + ", refusé"));
        }

        @Test
        void theExampleClientsAreTheMediansOfTheirDecisionInTheSample() {
            // The deck's choice, redone from the scores: a typical case, not an extreme one.
            Score refused = evidence.refused().orElseThrow();
            ReasonCode strongest = refused.against().get(0);
            assertTrue(strongest.contribution() > 0, "a reason against the client pushes toward default");
            assertTrue(html.contains(Xhtml.escape(strongest.sentence())));
        }

        @Test
        void numbersAreWrittenTheFrenchWay() {
            assertFalse(html.contains(String.format(java.util.Locale.ROOT, "%.4f", m.model().rocAuc())),
                    "an English-formatted AUC in the French deck");
            assertTrue(html.contains(NumberStyle.FRENCH.number(m.model().rocAuc(), 4)));
        }

        @Test
        void theFindingsComeFromTheDatabase() {
            DeckEvidence.Split sentinel = evidence.sentinel().orElseThrow();
            assertTrue(pdfText.contains(flat(NumberStyle.FRENCH.count(sentinel.count()) + " demandes ("
                    + NumberStyle.FRENCH.percent(sentinel.share(), 1) + ") portent la valeur sentinelle 365243")));
            assertEquals(evidence.volumes().size(), 8);
        }

        @Test
        void theFairnessSlideNamesTheGendersInFrench() {
            assertTrue(pdfText.contains("Genre Femme"), "F shown as Femme");
            assertTrue(pdfText.contains("Genre Homme"), "M shown as Homme");
        }

        @Test
        void noScreenshotsSaySoOnTheDashboardSlide() {
            assertTrue(pdfText.contains("Captures d'écran absentes"));
        }
    }

    @Test
    void theEnglishDeckIsCompleteAndWrittenTheEnglishWay(@TempDir Path folder) throws Exception {
        DeckReport.Output written = deck(tiny.database(), Optional.empty(), null, Language.EN).write(folder);
        String html = Files.readString(written.html());
        assertEquals("en", parse(html).getDocumentElement().getAttribute("lang"));
        assertEquals("Credit scoring: proposal to go live", written.slides().get(0));
        assertTrue(html.contains("Out-of-fold AUC"));
        assertTrue(html.contains(NumberStyle.ENGLISH.percent(m.threshold(), 1)));
        assertFalse(html.contains("${"), "a place left unfilled");
        try (PDDocument pdf = Loader.loadPDF(written.pdf().toFile())) {
            assertEquals(written.slides().size(), pdf.getNumberOfPages());
        }
    }

    @Test
    void withoutADatabaseTheDeckStillHasEverySlideAndSaysWhatIsMissing() throws Exception {
        String html = deck(null, Optional.empty(), null, Language.EN).xhtml();
        assertEquals(14, slides(parse(html)).size());
        assertTrue(html.contains("No database: the exploration&apos;s findings cannot be computed")
                || html.contains("No database: the exploration's findings cannot be computed"), "findings");
        assertTrue(html.contains("the feature database is missing"));
        assertTrue(html.contains(NumberStyle.ENGLISH.count(m.trainingRows()) + " labelled applications"));
    }

    @Test
    void aDatabaseThatCannotBeReadGivesADeckThatSaysWhy(@TempDir Path folder) throws Exception {
        Path notADatabase = Files.writeString(folder.resolve("homecredit.duckdb"), "not a DuckDB file");
        DeckReport.Output written = deck(notADatabase, Optional.empty(), null, Language.EN).write(folder);
        assertFalse(written.unreadable().isEmpty());
        String html = Files.readString(written.html());
        assertEquals(14, slides(parse(html)).size());
        assertTrue(html.contains("The database could not be read ("), "the findings slide says why");
        assertTrue(html.contains("the database could not be read (see the findings slide)"));
    }

    @Test
    void aDatabaseWithoutTheModelsFeaturesStillGivesItsFindingsAndSaysWhyNoClientIsShown(@TempDir Path folder)
            throws Exception {
        Path copy = Files.copy(tiny.database(), folder.resolve("raw-tables-only.duckdb"));
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + copy);
             var s = c.createStatement()) {
            s.execute("DROP TABLE " + fr.pretadepenser.scoring.features.DuckDbFeatureEngine.FEATURE_TABLE);
        }
        String html = deck(copy, Optional.empty(), null, Language.EN).xhtml();
        assertTrue(html.contains("has no feature table built with the model&apos;s features")
                || html.contains("has no feature table built with the model's features"), "why no client");
        assertTrue(html.contains("carry the sentinel 365243"), "the findings are still there");
    }

    @Test
    void theDriftSlideShowsTheLatestReportsFigures() throws Exception {
        DeckInputs.Drift drift = new DeckInputs.Drift("march.csv", 1234, 0.3141, "DRIFTED", 2,
                List.of(new DeckInputs.Moved("application", "AMT_CREDIT", 0.4321, "DRIFTED")));
        String html = deck(null, Optional.of(drift), null, Language.EN).xhtml();
        assertTrue(html.contains("Latest report: 1,234 applications (march.csv), score PSI 0.314 (drifted); 2"
                + " variable(s) drifted."), "drift sentence");
        assertTrue(html.contains("<td class=\"flag\">drifted</td>"), "a drifted variable is flagged");
        assertTrue(html.contains("0.432"));
        assertTrue(deck(null, Optional.empty(), null, Language.EN).xhtml()
                .contains("No drift report beside this deck"));
    }

    @Test
    void screenshotsPresentAreEmbeddedInThePage(@TempDir Path shots) throws Exception {
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png",
                shots.resolve("client.png").toFile());
        String html = deck(null, Optional.empty(), shots, Language.FR).xhtml();
        assertTrue(html.contains("<img src=\"data:image/png;base64,"), "the screenshot is inside the page");
        assertTrue(html.contains("alt=\"Fiche client : score, décision et raisons\""));
        assertFalse(html.contains("model.png") || html.contains("Page du modèle : seuil"), "no model.png was given");
    }

    @Test
    void aFailedWriteSaysSoAndLeavesNoPartialFile(@TempDir Path folder) throws Exception {
        Path reports = folder.resolve("reports");
        Files.createDirectories(reports.resolve(DeckReport.PDF).resolve("in-the-way"));   // the PDF cannot go there
        assertThrows(java.io.IOException.class, () -> deck(null, Optional.empty(), null, Language.FR).write(reports));
        try (var files = Files.list(reports)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial"))
                    .toList(), "a partial file left behind");
        }
    }

    static List<Element> slides(Document page) {
        NodeList sections = page.getElementsByTagNameNS(XHTML, "section");
        List<Element> slides = new ArrayList<>();
        for (int i = 0; i < sections.getLength(); i++) {
            Element section = (Element) sections.item(i);
            if (section.getAttribute("class").startsWith("slide")) {
                slides.add(section);
            }
        }
        return slides;
    }

    static Document parse(String xhtml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // The DOCTYPE has no DTD to fetch; entities are not expanded.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Text with every run of white space (no-break spaces included) made one space, as a PDF's lines break it. */
    static String flat(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ').replaceAll("\\s+", " ").trim();
    }
}
