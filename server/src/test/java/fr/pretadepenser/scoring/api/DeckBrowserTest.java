package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.report.DeckInputs;
import fr.pretadepenser.scoring.report.DeckReport;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.print.PageMargin;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committee deck in the browser: every slide under the accessibility audit the dashboard passes, keyboard
 * navigation, and printing one slide per page. The deck is the French one of the tests' small bundle.
 */
class DeckBrowserTest {

    @TempDir
    static Path folder;
    private static DashboardBrowser browser;
    private static DeckReport.Output deck;

    @BeforeAll
    static void writeTheDeck() throws Exception {
        browser = DashboardBrowser.get();
        TinyBundle tiny = TinyBundle.get();
        Path shots = Files.createDirectories(folder.resolve("screenshots"));
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png",
                shots.resolve("client.png").toFile());
        // A copy: the test server of this JVM holds the database open for writing, which a read-only open refuses.
        Path database = Files.copy(tiny.database(), folder.resolve("copy.duckdb"));
        deck = new DeckReport(tiny.scorer(), HomeCreditSchema.load(), new DeckInputs(database, Optional.empty(),
                shots, Language.FR)).write(folder.resolve("reports"));
        assertEquals("", deck.unreadable(), "the deck's evidence was read");
    }

    private static void load(String hash) {
        browser.driver.get("about:blank");
        browser.driver.get(deck.html().toUri() + hash);
        browser.waitFor("section.slide.current");
    }

    private static String counter() {
        return browser.driver.findElement(By.id("counter")).getText();
    }

    @Test
    void noSlideHasASeriousOrCriticalAccessibilityViolation() throws Exception {
        load("");
        int slides = deck.slides().size();
        StringBuilder found = new StringBuilder();
        for (int i = 1; i <= slides; i++) {
            assertEquals(i + " / " + slides, counter());
            String visible = browser.driver.findElement(By.cssSelector("section.slide.current")).getAttribute("id");
            assertEquals("slide-" + i, visible);
            String violations = browser.seriousViolations();
            if (!violations.isEmpty()) {
                found.append("slide ").append(i).append(":\n").append(violations).append('\n');
            }
            browser.driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_RIGHT);
        }
        assertEquals("", found.toString(), "axe-core violations of impact serious or critical");
        assertEquals(slides + " / " + slides, counter(), "the last slide stays the last");
    }

    @Test
    void theKeyboardAndTheButtonsMoveThroughTheSlidesAndTheAddressFollows() {
        int slides = deck.slides().size();
        load("#slide-5");
        assertEquals("5 / " + slides, counter(), "a link to a slide opens it");
        browser.driver.findElement(By.tagName("body")).sendKeys(Keys.END);
        assertEquals(slides + " / " + slides, counter());
        assertTrue(browser.driver.getCurrentUrl().endsWith("#slide-" + slides), browser.driver.getCurrentUrl());
        browser.driver.findElement(By.tagName("body")).sendKeys(Keys.PAGE_UP);
        assertEquals((slides - 1) + " / " + slides, counter());
        browser.driver.findElement(By.tagName("body")).sendKeys(Keys.HOME);
        assertEquals("1 / " + slides, counter());
        browser.driver.findElement(By.id("next")).click();
        assertEquals("2 / " + slides, counter());
        browser.driver.findElement(By.id("previous")).click();
        assertEquals("1 / " + slides, counter());
        browser.js("location.hash = '#slide-7';");
        browser.until(d -> counter().equals("7 / " + slides));
        browser.driver.navigate().back();
        browser.until(d -> counter().equals("1 / " + slides));
        assertEquals(1L, browser.js("return document.querySelectorAll('section.slide.current').length;"));
        assertEquals(deck.slides().get(0), browser.driver.findElement(By.cssSelector("section.slide.current h1"))
                .getText());
    }

    @Test
    void printingGivesOneSlidePerPage() throws Exception {
        load("#slide-3");
        PrintOptions options = new PrintOptions();
        // The slide's own size, 960 x 540 CSS pixels (25.4 x 14.2875 cm), with a little height to spare.
        options.setPageSize(new PageSize(14.4, 25.4));
        options.setPageMargin(new PageMargin(0, 0, 0, 0));
        options.setBackground(true);
        String pdf = browser.driver.print(options).getContent();
        try (PDDocument printed = Loader.loadPDF(Base64.getDecoder().decode(pdf))) {
            assertEquals(deck.slides().size(), printed.getNumberOfPages(), "every slide printed, each on its page");
        }
    }

    @Test
    void theScreenshotShowsInsideTheDashboardSlide() {
        load("#slide-13");
        Object width = browser.js("const img = document.querySelector('section.slide.current img');"
                + " return img && img.complete ? img.naturalWidth : -1;");
        assertEquals(64L, width, "the embedded screenshot decodes in the browser");
    }
}
