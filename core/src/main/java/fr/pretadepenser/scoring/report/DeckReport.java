package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Scorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The risk committee's presentation deck of one model bundle ("support de présentation"): 14 slides from the
 * context to the limits, every figure and chart read from the bundle, the database, the drift report and the
 * dashboard's screenshots of this run, in French or English. Written as one self-contained HTML page (slides with
 * keyboard navigation, one slide per printed page) and as a PDF of that page, one slide per page.
 */
public final class DeckReport {

    /** The file name of the HTML deck. */
    public static final String HTML = "deck.html";

    /** The file name of the PDF deck. */
    public static final String PDF = "deck.pdf";

    private final Scorer scorer;
    private final HomeCreditSchema schema;
    private final DeckInputs inputs;
    private final DeckText text;

    /**
     * A deck of the scorer's bundle.
     *
     * @param scorer scores with the model bundle (the example clients)
     * @param schema the Home Credit schema: the tables, and the variables' labels
     * @param inputs the database, drift figures, screenshots and language
     */
    public DeckReport(Scorer scorer, HomeCreditSchema schema, DeckInputs inputs) {
        this.scorer = scorer;
        this.schema = schema;
        this.inputs = inputs;
        this.text = DeckText.in(inputs.language());
    }

    /**
     * The files written.
     *
     * @param html   the HTML deck
     * @param pdf    the PDF deck
     * @param slides the slides' titles, in order (the PDF has one page each)
     * @param unreadable why the database could not be read, or empty: the deck then lacks its evidence
     */
    public record Output(Path html, Path pdf, List<String> slides, String unreadable) {

        /** Copies the titles. */
        public Output {
            slides = List.copyOf(slides);
        }
    }

    private List<DeckSlides.Slide> slides(DeckEvidence evidence) {
        return new DeckSlides(scorer.bundle().manifest(), scorer.bundle().features(), text,
                new VariableLabels(schema), evidence, inputs).all();
    }

    private DeckEvidence evidence() {
        return DeckEvidence.read(inputs.database(), scorer, schema, inputs.language());
    }

    /** The deck as one well-formed XHTML document. */
    public String xhtml() {
        return xhtml(slides(evidence()));
    }

    private String xhtml(List<DeckSlides.Slide> slides) {
        BundleManifest m = scorer.bundle().manifest();
        String lang = inputs.language().name().toLowerCase(java.util.Locale.ROOT);
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"").append(lang)
                .append("\" xml:lang=\"").append(lang).append("\">\n<head>\n<meta charset=\"UTF-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>")
                .append(Xhtml.escape(text.get("deck.title") + " - " + m.version())).append("</title>\n<style>\n")
                .append(STYLE).append("</style>\n</head>\n<body>\n<main id=\"deck\">\n");
        for (int i = 0; i < slides.size(); i++) {
            DeckSlides.Slide slide = slides.get(i);
            int level = i == 0 ? 1 : 2;
            page.append("<section class=\"slide").append(i == 0 ? " first" : "").append("\" id=\"")
                    .append(slide.id()).append("\" aria-labelledby=\"").append(slide.id()).append("-title\">\n<h")
                    .append(level).append(" id=\"").append(slide.id()).append("-title\">")
                    .append(Xhtml.escape(slide.title())).append("</h").append(level).append(">\n")
                    .append(slide.body())
                    .append("<footer>").append(Xhtml.escape(text.get("deck.footer", "version", m.version(), "n",
                            i + 1, "total", slides.size()))).append("</footer>\n</section>\n");
        }
        page.append("</main>\n<nav class=\"controls\" aria-label=\"").append(Xhtml.escape(text.get("deck.nav.help")))
                .append("\">\n<button type=\"button\" id=\"previous\">")
                .append(Xhtml.escape(text.get("deck.nav.previous")))
                .append("</button>\n<p id=\"counter\" aria-live=\"polite\">1 / ").append(slides.size())
                .append("</p>\n<button type=\"button\" id=\"next\">").append(Xhtml.escape(text.get("deck.nav.next")))
                .append("</button>\n</nav>\n<script>//<![CDATA[\n").append(SCRIPT).append("//]]></script>\n")
                .append("</body>\n</html>\n");
        return page.toString();
    }

    /**
     * Writes {@value #HTML} and {@value #PDF} into {@code folder} (created if needed), each through a temporary file
     * renamed at the end, so that a reader never sees half a deck.
     */
    public Output write(Path folder) throws IOException {
        Files.createDirectories(folder);
        DeckEvidence evidence = evidence();
        List<DeckSlides.Slide> slides = slides(evidence);
        String xhtml = xhtml(slides);
        Path html = folder.resolve(HTML);
        Path pdf = folder.resolve(PDF);
        PdfRendering.writeWithPdf(xhtml, html, pdf);
        return new Output(html, pdf, slides.stream().map(DeckSlides.Slide::title).toList(), evidence.unreadable());
    }

    // A slide is 960 x 540 CSS pixels (10 x 5.625 inches, 16:9): the PDF page and the printed page are that size.
    // Black on white with dark accents (contrast well above 4.5:1); a flag says REVIEW in words as well as red.
    // On screen with scripts, one slide shows at a time, scaled to the window; without them, all are stacked.
    static final String STYLE = """
            @page { size: 960px 540px; margin: 0; }
            html, body { margin: 0; padding: 0; background: #ffffff; color: #000000;
                         font-family: Helvetica, Arial, sans-serif; }
            .slide { box-sizing: border-box; width: 960px; height: 540px; padding: 20px 36px 0 36px;
                     position: relative; page-break-after: always; border-top: 8px solid #1f4e79;
                     background: #ffffff; }
            .slide:last-child { page-break-after: auto; }
            h1 { font-size: 30px; color: #1f4e79; margin: 48px 0 10px 0; }
            h2 { font-size: 24px; color: #1f4e79; margin: 0 0 10px 0; padding-bottom: 4px;
                 border-bottom: 1px solid #1f4e79; }
            h3 { font-size: 15px; margin: 6px 0 4px 0; }
            p, li { font-size: 14px; line-height: 1.35; }
            p { margin: 4px 0 8px 0; }
            ul, ol { margin: 4px 0 8px 0; padding-left: 22px; }
            li { margin-bottom: 5px; }
            .col { display: inline-block; vertical-align: top; box-sizing: border-box; padding-right: 14px; }
            table { border-collapse: collapse; font-size: 12px; margin: 6px 0; }
            th, td { border: 1px solid #8c8c8c; padding: 2px 6px; text-align: left; vertical-align: top; }
            thead th { background: #dde6ef; }
            td.flag { color: #b00020; font-weight: bold; }
            .subtitle { font-size: 18px; }
            .kpis { margin: 24px 0 18px 0; }
            .kpi { display: inline-block; box-sizing: border-box; width: 200px; height: 96px; margin-right: 14px;
                   padding: 8px 10px; border: 1px solid #1f4e79; background: #eef3f8; vertical-align: top; }
            .kpi p { margin: 0; }
            .kpi-value { font-size: 26px; font-weight: bold; color: #1f4e79; }
            .kpi-label { font-size: 13px; }
            .note { font-size: 12px; color: #333333; }
            footer { position: absolute; bottom: 8px; left: 36px; right: 36px; font-size: 11px; color: #404040;
                     border-top: 1px solid #bfbfbf; padding-top: 3px; }
            figure { margin: 0; }
            figure.shot { display: inline-block; margin: 0 16px 0 0; vertical-align: top; }
            figure.shot img { height: 290px; border: 1px solid #8c8c8c; }
            figcaption { font-size: 12px; }
            svg { display: block; }
            nav.controls { display: none; }
            @media screen {
              html.js, html.js body { height: 100%; overflow: hidden; background: #3a3a3a; }
              html.js .slide { display: none; position: absolute; top: 0; left: 0; transform-origin: 0 0; }
              html.js .slide.current { display: block; }
              html.js nav.controls { display: block; position: fixed; bottom: 6px; right: 12px; }
              nav.controls p { display: inline-block; margin: 0 10px; color: #ffffff; }
              nav.controls button { font-size: 14px; padding: 4px 10px; }
            }
            @media print {
              html.js .slide { display: block; position: relative; transform: none; }
              nav.controls { display: none; }
            }
            """;

    // Written without '<' and '&' so that the page stays well-formed XML even outside its CDATA section.
    static final String SCRIPT = """
            (function () {
              var root = document.documentElement;
              root.className += ' js';
              var slides = document.querySelectorAll('.slide');
              var counter = document.getElementById('counter');
              var current = 0;
              function fit() {
                var scale = Math.min(window.innerWidth / 960, (window.innerHeight - 44) / 540);
                var left = Math.max(0, (window.innerWidth - 960 * scale) / 2);
                for (var i = 0; i !== slides.length; i++) {
                  slides[i].style.transform = 'scale(' + scale + ')';
                  slides[i].style.left = left + 'px';
                }
              }
              function show(n) {
                current = Math.max(0, Math.min(slides.length - 1, n));
                for (var i = 0; i !== slides.length; i++) {
                  slides[i].classList.toggle('current', i === current);
                }
                counter.textContent = (current + 1) + ' / ' + slides.length;
                history.replaceState(null, '', '#' + slides[current].id);
              }
              document.addEventListener('keydown', function (e) {
                var keys = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ' ': 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
                if (e.key === 'Home') { show(0); } else if (e.key === 'End') { show(slides.length - 1); }
                else if (keys[e.key]) { show(current + keys[e.key]); } else { return; }
                e.preventDefault();
              });
              document.getElementById('previous').addEventListener('click', function () { show(current - 1); });
              document.getElementById('next').addEventListener('click', function () { show(current + 1); });
              window.addEventListener('resize', fit);
              // A link to a slide (deck.html#slide-7), typed or followed within the deck, opens that slide.
              function linked() {
                for (var i = 0; i !== slides.length; i++) {
                  if ('#' + slides[i].id === location.hash) { return i; }
                }
                return current;
              }
              window.addEventListener('hashchange', function () { show(linked()); });
              fit();
              show(linked());
            })();
            """;
}
