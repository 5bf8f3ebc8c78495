package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelSummaryTest {

    @Test
    void anAdvisorReadsTheSummaryWithoutTheDataFingerprint() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> response = server.get(ApiServer.BASE + "/model/summary", server.advisor());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode summary = TestServer.json(response);
        BundleManifest m = server.resources().bundle().manifest();
        assertEquals(m.version(), summary.get("version").asText());
        assertEquals(m.threshold(), summary.get("threshold").asDouble(), 0);
        assertEquals(m.costCurve().size(), summary.get("costCurve").size());
        assertEquals(m.calibration().size(), summary.get("calibration").size());
        assertEquals(m.model().rocAuc(), summary.get("metrics").get("rocAuc").asDouble(), 0);
        assertFalse(summary.has("dataFingerprint"));
        assertEquals(0, summary.get("reports").size(), "the test server knows no reports folder");
        assertEquals(m.featureCount(), summary.get("features").get("used").asInt());
        assertFalse(summary.get("features").has("selectedFrom"), "the tiny model reads every feature");
        assertEquals(403, server.get(ApiServer.BASE + "/model", server.advisor()).statusCode(), "the full model stays admin");
    }

    @Test
    void theMethodologyNoteIsServedFromTheReportsFolderOnly(@TempDir Path reports) throws Exception {
        TestServer server = TestServer.get();
        assertEquals(404, server.get(ApiServer.BASE + "/model/report/html", server.advisor()).statusCode());
        assertEquals(400, server.get(ApiServer.BASE + "/model/report/..%2Fusers.json", server.advisor()).statusCode());

        Files.writeString(reports.resolve("methodology.html"), "<!doctype html><title>Note</title>");
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, 1L << 20, 50, false).withReports(reports);
        try (ApiServer other = ApiServer.create(settings, server.resources()).start(settings)) {
            TestServer second = new TestServer("http://127.0.0.1:" + other.port(), server.advisor(), server.admin(),
                    server.auditLog(), server.resources(), server.withHistory());
            HttpResponse<String> html = second.get(ApiServer.BASE + "/model/report/html", server.advisor());
            assertEquals(200, html.statusCode(), html.body());
            assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertEquals("<!doctype html><title>Note</title>", html.body());
            assertEquals(404, second.get(ApiServer.BASE + "/model/report/pdf", server.advisor()).statusCode());
            JsonNode summary = TestServer.json(second.get(ApiServer.BASE + "/model/summary", server.advisor()));
            assertEquals("html", summary.get("reports").get(0).asText());
            assertEquals(401, second.get(ApiServer.BASE + "/model/report/html", null).statusCode());
        }
    }

    @Test
    void theCommitteeDeckIsServedAsSlidesAndAsPdfWhenWritten(@TempDir Path reports) throws Exception {
        TestServer server = TestServer.get();
        assertEquals(404, server.get(ApiServer.BASE + "/model/report/deck", server.advisor()).statusCode());
        Files.writeString(reports.resolve("deck.html"), "<!doctype html><title>Deck</title>");
        Files.write(reports.resolve("deck.pdf"), "%PDF-1.4 deck".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, 1L << 20, 50, false).withReports(reports);
        try (ApiServer other = ApiServer.create(settings, server.resources()).start(settings)) {
            TestServer second = new TestServer("http://127.0.0.1:" + other.port(), server.advisor(), server.admin(),
                    server.auditLog(), server.resources(), server.withHistory());
            HttpResponse<String> slides = second.get(ApiServer.BASE + "/model/report/deck", server.advisor());
            assertEquals(200, slides.statusCode(), slides.body());
            assertTrue(slides.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertEquals("<!doctype html><title>Deck</title>", slides.body());
            HttpResponse<String> pdf = second.get(ApiServer.BASE + "/model/report/deck-pdf", server.advisor());
            assertEquals(200, pdf.statusCode());
            assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
            assertEquals("%PDF-1.4 deck", pdf.body());
            JsonNode summary = TestServer.json(second.get(ApiServer.BASE + "/model/summary", server.advisor()));
            assertEquals("[\"deck\",\"deck-pdf\"]", summary.get("reports").toString());
        }
    }

    @Test
    void theExplorationReportIsServedByNameWhenWritten(@TempDir Path reports) throws Exception {
        TestServer server = TestServer.get();
        assertEquals(404, server.get(ApiServer.BASE + "/model/report/exploration", server.advisor()).statusCode());
        assertEquals(400, server.get(ApiServer.BASE + "/model/report/exploration.html", server.advisor()).statusCode());

        Files.writeString(reports.resolve("exploration.html"), "<!doctype html><title>Exploration</title>");
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, 1L << 20, 50, false).withReports(reports);
        try (ApiServer other = ApiServer.create(settings, server.resources()).start(settings)) {
            TestServer second = new TestServer("http://127.0.0.1:" + other.port(), server.advisor(), server.admin(),
                    server.auditLog(), server.resources(), server.withHistory());
            HttpResponse<String> page = second.get(ApiServer.BASE + "/model/report/exploration", server.advisor());
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertEquals("<!doctype html><title>Exploration</title>", page.body());
            assertEquals(404, second.get(ApiServer.BASE + "/model/report/html", server.advisor()).statusCode());
            JsonNode summary = TestServer.json(second.get(ApiServer.BASE + "/model/summary", server.advisor()));
            assertEquals(1, summary.get("reports").size());
            assertEquals("exploration", summary.get("reports").get(0).asText());
        }
    }
}
