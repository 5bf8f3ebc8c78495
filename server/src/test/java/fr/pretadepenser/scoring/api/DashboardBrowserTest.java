package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.pretadepenser.scoring.portfolio.ClientQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's scenarios in a real browser, each checked against the API's own answers. */
class DashboardBrowserTest {

    private static DashboardBrowser browser;
    private static TestServer server;
    private static long client;

    @BeforeAll
    static void start() throws Exception {
        browser = DashboardBrowser.get();
        server = browser.server;
        client = server.withHistory().application().clientId();
    }

    /** A stored client and a larger credit amount that changes their score (the tiny model reads few variables). */
    private static Object[] clientWhoseScoreMovesWithTheCredit() throws Exception {
        for (var summary : server.resources().clients().search(ClientQuery.all(60)).items()) {
            long id = summary.clientId();
            Map<String, Object> application = new LinkedHashMap<>(server.resources().features().storedApplication(id)
                    .orElseThrow().values());
            application.remove("TARGET");
            if (!(application.get("AMT_CREDIT") instanceof Number credit)) {
                continue;
            }
            double original = apiGet("/clients/" + id + "/score").get("probability").asDouble();
            long raised = Math.round(credit.doubleValue() * 3);
            application.put("AMT_CREDIT", raised);
            JsonNode edited = TestServer.json(server.post(ApiServer.BASE + "/score?lang=fr",
                    TestServer.JSON.writeValueAsString(Map.of("application", application)), server.advisor()));
            if (edited.get("probability").asDouble() != original) {
                return new Object[]{id, raised, edited, original};
            }
        }
        throw new AssertionError("no client among the first 60 whose score moves with a tripled credit amount");
    }

    private static JsonNode apiGet(String path) throws Exception {
        var response = server.get(ApiServer.BASE + path, server.advisor());
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.json(response);
    }

    @Test
    void signingInLeadsToThePageAskedFor() {
        browser.open("#/client/" + client, false);
        browser.waitFor("#name").sendKeys("anna");
        browser.driver.findElement(By.id("password")).sendKeys("wrong password");
        browser.driver.findElement(By.id("signin-submit")).click();
        browser.until(d -> !d.findElement(By.id("signin-error")).getText().isEmpty());
        assertEquals("Identifiant ou mot de passe incorrect.", browser.driver.findElement(By.id("signin-error")).getText());

        WebElement password = browser.driver.findElement(By.id("password"));
        password.clear();
        password.sendKeys(TestServer.PASSWORD, Keys.ENTER);
        browser.waitFor("#score-probability");
        assertEquals("Dossier du client " + client, browser.driver.findElement(By.tagName("h1")).getText());
        assertTrue(browser.driver.findElement(By.id("who")).getText().contains("anna"));
    }

    @Test
    void aClientIsFoundByTypingTheirId() {
        browser.open("#/");
        WebElement id = browser.waitFor("#client-id");
        String prefix = Long.toString(client).substring(0, 3);
        id.sendKeys(prefix);
        browser.until(d -> !d.findElements(By.cssSelector("#client-suggestions option")).isEmpty());
        for (WebElement option : browser.driver.findElements(By.cssSelector("#client-suggestions option"))) {
            assertTrue(option.getAttribute("value").startsWith(prefix));
        }
        id.sendKeys(Long.toString(client).substring(3), Keys.ENTER);
        browser.waitFor("#score-probability");
        assertTrue(browser.driver.getCurrentUrl().endsWith("#/client/" + client));

        browser.open("#/");
        browser.waitFor("#recent");
        assertTrue(browser.driver.findElement(By.id("recent")).getText().contains(Long.toString(client)),
                "the client opened is among the recent ones");
    }

    @Test
    void theGaugeDecisionAndReasonsAreTheApisAnswer() throws Exception {
        JsonNode score = apiGet("/clients/" + client + "/score?lang=fr");
        browser.open("#/client/" + client);
        browser.waitFor("#score-probability");
        browser.chartsDrawn();
        double shown = Double.parseDouble(browser.driver.findElement(By.id("score-probability"))
                .getAttribute("data-probability"));
        assertEquals(score.get("probability").asDouble(), shown, 1e-12);
        assertEquals(score.get("decision").asText(), browser.driver.findElement(By.cssSelector("#score-verdict [data-decision]"))
                .getAttribute("data-decision"));
        assertEquals(score.get("band").asText(), browser.driver.findElement(By.cssSelector("#score-verdict [data-band]"))
                .getAttribute("data-band"));
        String decisionWords = score.get("decision").asText().equals("granted") ? "Accordé" : "Refusé";
        assertTrue(browser.driver.findElement(By.id("score-verdict")).getText().contains(decisionWords));
        Object gauge = browser.js("const o = echarts.getInstanceByDom(document.getElementById('score-gauge')).getOption();"
                + "return [o.series[0].data[0].value, o.series[1].data[0].value];");
        List<?> needles = (List<?>) gauge;
        assertEquals(score.get("probability").asDouble() * 100, ((Number) needles.get(0)).doubleValue(), 1e-9);
        assertEquals(score.get("threshold").asDouble() * 100, ((Number) needles.get(1)).doubleValue(), 1e-9);
        assertEquals(sentences(score.get("against")), texts("#score-against li"));
        assertEquals(sentences(score.get("inFavour")), texts("#score-favour li"));
    }

    @Test
    void aPickedComparisonFeatureShowsTheClientsMarker() throws Exception {
        browser.open("#/client/" + client);
        browser.waitFor("#compare-feature");
        Select pick = new Select(browser.driver.findElement(By.id("compare-feature")));
        String current = pick.getFirstSelectedOption().getAttribute("value");
        String chosen = null;
        JsonNode distribution = null;
        for (WebElement option : pick.getOptions()) {
            String name = option.getAttribute("value");
            if (name.equals(current)) {
                continue;
            }
            distribution = apiGet("/features/" + name + "/distribution?bins=30&client=" + client);
            if (!distribution.get("client").get("value").isNull()) {
                chosen = name;
                break;
            }
        }
        assertTrue(chosen != null, "some feature has a value for the client");
        pick.selectByValue(chosen);
        String feature = chosen;
        browser.until(d -> feature.equals(d.findElement(By.id("distribution-box")).getAttribute("data-feature")));
        browser.chartsDrawn();
        WebElement figure = browser.driver.findElement(By.cssSelector("#distribution-box figure"));
        assertEquals(distribution.get("client").get("percentile").asDouble(),
                Double.parseDouble(figure.getAttribute("data-percentile")), 1e-12);
        Object marker = browser.js("const o = echarts.getInstanceByDom(document.getElementById('distribution')).getOption();"
                + "return o.series.filter(s => s.markLine && s.markLine.data && s.markLine.data.length).length;");
        assertEquals(1L, marker, "the client's marker is drawn");
        Object scatterClient = browser.js("const o = echarts.getInstanceByDom(document.getElementById('scatter')).getOption();"
                + "return o.series[2].data.length;");
        assertTrue(((Number) scatterClient).intValue() <= 1);
    }

    @Test
    void raisingTheCreditAmountShowsTheApisScoreOfTheEditedApplication() throws Exception {
        Object[] found = clientWhoseScoreMovesWithTheCredit();
        long id = (Long) found[0];
        long typed = (Long) found[1];
        JsonNode expected = (JsonNode) found[2];
        double original = (Double) found[3];

        browser.open("#/client/" + id + "/whatif");
        WebElement amount = browser.waitFor("#w-AMT_CREDIT");
        amount.clear();
        amount.sendKeys(Long.toString(typed));
        browser.until(d -> "false".equals(d.findElement(By.id("whatif")).getAttribute("data-pending"))
                && !d.findElement(By.id("whatif-delta")).getText().isEmpty());
        double shown = Double.parseDouble(browser.driver.findElement(By.id("whatif-probability"))
                .getAttribute("data-probability"));
        assertEquals(expected.get("probability").asDouble(), shown, 1e-12);
        assertNotEquals(original, shown);
        assertEquals(sentences(expected.get("against")), texts("#whatif-against li"));

        browser.driver.findElement(By.id("whatif-reset")).click();
        browser.until(d -> d.findElement(By.id("whatif-delta")).getText().isEmpty());
        browser.until(d -> Double.parseDouble(d.findElement(By.id("whatif-probability")).getAttribute("data-probability"))
                == original);
    }

    @Test
    void aNewApplicationWithAnInvalidFieldShowsThatFieldsError() {
        browser.open("#/new");
        WebElement credit = browser.waitFor("#n-AMT_CREDIT");
        credit.clear();
        credit.sendKeys("-5");
        browser.driver.findElement(By.id("new-submit")).click();
        browser.until(d -> !d.findElement(By.id("n-AMT_CREDIT-error")).getText().isEmpty());
        assertTrue(browser.driver.findElement(By.id("n-AMT_CREDIT-error")).getText().startsWith("Valeur refusée : "));
        assertEquals("true", credit.getAttribute("aria-invalid"));
        assertEquals("", browser.driver.findElement(By.id("n-AMT_INCOME_TOTAL-error")).getText());
        assertFalse(browser.driver.findElement(By.id("new-errors")).getText().isEmpty());

        credit.clear();
        credit.sendKeys("400000");
        browser.driver.findElement(By.id("new-submit")).click();
        browser.waitFor("#new-score-probability");
        assertEquals("", browser.driver.findElement(By.id("n-AMT_CREDIT-error")).getText());
    }

    @Test
    void frenchPagesShowCategoriesByTheirFrenchLabelsAndSendTheCodes() throws Exception {
        browser.open("#/new");
        WebElement income = browser.waitFor("#n-NAME_INCOME_TYPE");
        new Select(income).selectByValue("Working");
        assertEquals("Salarié", new Select(income).getFirstSelectedOption().getText());
        assertEquals("Working", income.getAttribute("value"), "the form sends the code");

        long id = server.resources().clients().search(new ClientQuery(null, null, "Working", null, 1, 0)).items()
                .get(0).clientId();
        browser.open("#/client/" + id + "/whatif");
        WebElement edited = browser.waitFor("#w-NAME_INCOME_TYPE");
        assertEquals("Working", edited.getAttribute("value"));
        assertEquals("Salarié", new Select(edited).getFirstSelectedOption().getText());

        browser.open("#/client/" + id);
        browser.until(d -> d.findElement(By.tagName("main")).getText().contains("Salarié"));
        assertFalse(browser.driver.findElements(By.cssSelector("dl.facts")).stream().map(WebElement::getText)
                .anyMatch(t -> t.contains("Working")));
    }

    @Test
    void frenchChartsWriteTheirAxesNumbersTheFrenchWay() {
        browser.open("#/model");
        browser.waitFor("#model-facts");
        browser.chartsDrawn();
        // The axes are drawn on a canvas: ask the chart for what its value axis writes.
        Object written = browser.js("const chart = echarts.getInstanceByDom(document.getElementById('cost-curve'));"
                + " const f = chart.getOption().yAxis[0].axisLabel.formatter; return [f(0.9), f(1500)];");
        assertEquals(List.of("0,9", "1\u202f500"), written, "ECharts alone writes 0.9 and 1,500");
        String created = browser.driver.findElement(By.id("model-facts")).getText();
        assertFalse(created.matches("(?s).*\\d{4}-\\d{2}-\\d{2}T.*"), "the training time as an ISO string: " + created);
    }

    @Test
    void theLanguageSwitchChangesTheLabels() {
        browser.open("#/");
        browser.waitFor("#client-id");
        assertEquals("fr", browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Nouvelle demande", browser.driver.findElement(By.cssSelector("[data-nav=new]")).getText());
        new Select(browser.driver.findElement(By.id("lang"))).selectByValue("en");
        browser.until(d -> "New application".equals(d.findElement(By.cssSelector("[data-nav=new]")).getText()));
        assertEquals("en", browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Find a client", browser.driver.findElement(By.tagName("h1")).getText());
        assertEquals("Client ID (SK_ID_CURR)", browser.driver.findElement(By.cssSelector("label[for=client-id]")).getText());
    }

    @Test
    void theKeyboardAloneReachesAClientsScore() {
        browser.open("#/");
        browser.waitFor("#client-id");
        // From the page's heading, Tab walks the controls in order until the ID field.
        int presses = 0;
        while (!"client-id".equals(browser.driver.switchTo().activeElement().getAttribute("id"))) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            assertTrue(++presses < 30, "the ID field is reachable with Tab");
        }
        browser.driver.switchTo().activeElement().sendKeys(Long.toString(client), Keys.ENTER);
        WebElement probability = browser.waitFor("#score-probability");
        assertEquals("h1", browser.driver.switchTo().activeElement().getTagName(), "focus moves to the new page");
        browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertEquals("to-whatif", browser.driver.switchTo().activeElement().getAttribute("id"));
        assertFalse(probability.getText().isEmpty());
    }

    private static List<String> sentences(JsonNode reasons) {
        List<String> result = new ArrayList<>();
        reasons.forEach(r -> result.add(r.get("sentence").asText()));
        return result;
    }

    private static List<String> texts(String css) {
        return browser.driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
