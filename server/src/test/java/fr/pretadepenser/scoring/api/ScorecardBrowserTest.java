package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScorecardBrowserTest {

    @Test
    void theClientPageShowsTheScorecardPointsOfTheApisAnswer() throws Exception {
        DashboardBrowser browser = DashboardBrowser.get();
        TestServer server = browser.server;
        long client = server.withHistory().application().clientId();
        var response = server.get(ApiServer.BASE + "/clients/" + client + "/score?lang=fr&detail=full",
                server.advisor());
        JsonNode card = TestServer.json(response).get("scorecard");
        browser.open("#/client/" + client);
        browser.waitFor("#score-scorecard");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#score-scorecard tbody tr"));
        // One row per variable, then the total.
        assertEquals(card.get("variables").size() + 1, rows.size());
        List<String> bins = new ArrayList<>();
        // The French page shows each bin's French label (]0,568 ; 0,738], jusqu'à 0,0244), not the model's name.
        card.get("variables").forEach(v -> bins.add(v.get("binLabel").asText()));
        List<String> shown = rows.subList(0, rows.size() - 1).stream()
                .map(r -> r.findElements(By.tagName("td")).get(1).getText()).toList();
        assertEquals(bins, shown);
        assertTrue(shown.stream().noneMatch(b -> b.contains("inf") || b.matches(".*\\d\\.\\d.*")), shown.toString());
        String total = rows.get(rows.size() - 1).findElements(By.tagName("td")).get(2).getText();
        assertEquals(card.get("total").asLong(), Long.parseLong(total.replaceAll("[^0-9-]", "")));
    }
}
