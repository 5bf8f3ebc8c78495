package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.portfolio.ClientQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page of the dashboard under an automated accessibility audit (axe-core, injected), with a screenshot of
 * each; and the speed the issue asks for, on localhost.
 */
class DashboardAuditTest {

    private static DashboardBrowser browser;
    private static long client;

    @BeforeAll
    static void start() throws Exception {
        browser = DashboardBrowser.get();
        client = browser.server.withHistory().application().clientId();
    }

    @Test
    void noPageHasASeriousOrCriticalAccessibilityViolation() throws Exception {
        // page name -> (hash, an element that says the page is ready)
        Map<String, String[]> pages = new LinkedHashMap<>();
        pages.put("signin", new String[]{"#/signin", "#name"});
        pages.put("search", new String[]{"#/", "#client-id"});
        pages.put("client", new String[]{"#/client/" + client, "#score-probability"});
        pages.put("whatif", new String[]{"#/client/" + client + "/whatif", "#whatif-probability"});
        pages.put("new-application", new String[]{"#/new", "#n-AMT_CREDIT"});
        pages.put("portfolio", new String[]{"#/portfolio", "#kpi-clients"});
        pages.put("model", new String[]{"#/model", "#model-facts"});
        pages.put("client-copy", new String[]{"#/client/" + client + "/copy", "#copy-result"});
        StringBuilder found = new StringBuilder();
        for (Map.Entry<String, String[]> page : pages.entrySet()) {
            browser.open(page.getValue()[0], !page.getKey().equals("signin"));
            browser.waitFor(page.getValue()[1]);
            if (page.getKey().equals("new-application")) {
                // The page with its error messages shown, as a manager sees it after a mistake.
                WebElement credit = browser.driver.findElement(By.id("n-AMT_CREDIT"));
                credit.clear();
                credit.sendKeys("-5");
                browser.driver.findElement(By.id("new-submit")).click();
                browser.until(d -> !d.findElement(By.id("n-AMT_CREDIT-error")).getText().isEmpty());
            }
            browser.chartsDrawn();
            String violations = browser.seriousViolations();
            if (!violations.isEmpty()) {
                found.append(page.getKey()).append(":\n").append(violations).append('\n');
            }
            browser.screenshot(page.getKey());
        }
        assertEquals("", found.toString(), "axe-core violations of impact serious or critical");
    }

    @Test
    void theClientFileFitsATabletScreen() throws Exception {
        Dimension before = browser.driver.manage().window().getSize();
        try {
            browser.driver.manage().window().setSize(new Dimension(820, 1180));
            browser.open("#/client/" + client);
            browser.waitFor("#score-probability");
            browser.chartsDrawn();
            Object overflow = browser.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertEquals(0L, overflow, "no horizontal scrolling on a tablet-sized screen");
            browser.screenshot("client-tablet");
        } finally {
            browser.driver.manage().window().setSize(before);
        }
    }

    // Speed is measured here and printed, never asserted: a timed assertion fails on a busy CI machine for no fault
    // of the code (the project's rule: speed belongs to benchmarks). What is asserted is what the user sees.
    @Test
    void theFirstPageAndAClientSwitchShowTheirContentAndTheirTimesArePrinted() throws Exception {
        browser.open("#/");
        browser.waitFor("#client-id");
        long start = System.nanoTime();
        browser.driver.get(browser.server.base() + "/?fresh=" + start + "#/");
        browser.waitFor("#client-id");
        long firstPage = (System.nanoTime() - start) / 1_000_000;
        System.out.println("measured (not asserted): the search page was usable after " + firstPage + " ms");

        var ids = browser.server.resources().clients().search(
                fr.pretadepenser.scoring.portfolio.ClientQuery.all(3)).items();
        browser.open("#/client/" + ids.get(0).clientId());
        browser.waitFor("#score-probability");
        // Measured in the page: from the hash change to the new client's score on screen.
        for (var next : ids.subList(1, 3)) {
            Object took = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; const id = arguments[0]; const t0 = performance.now();"
                            + "const check = () => { const h = document.querySelector('h1');"
                            + " if (h && h.textContent.includes(id) && document.getElementById('score-probability'))"
                            + " done(performance.now() - t0); else requestAnimationFrame(check); };"
                            + "location.hash = '#/client/' + id; check();", Long.toString(next.clientId()));
            double ms = ((Number) took).doubleValue();
            assertTrue(browser.driver.findElement(org.openqa.selenium.By.tagName("h1")).getText()
                    .contains(Long.toString(next.clientId())), "the new client's file is shown");
            System.out.println("measured (not asserted): switching client showed the new score after "
                    + Math.round(ms) + " ms");
        }
    }
}
