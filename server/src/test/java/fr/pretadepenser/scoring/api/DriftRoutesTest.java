package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.pretadepenser.scoring.drift.DriftAnalysis;
import fr.pretadepenser.scoring.drift.DriftReport;
import fr.pretadepenser.scoring.drift.DriftStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DriftRoutesTest {

    @Test
    void saysClearlyWhenNoDriftReportIsServed() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> response = server.get(ApiServer.BASE + "/drift", server.advisor());
        assertEquals(404, response.statusCode(), response.body());
        assertEquals("no drift report is served here; write one with 'scoring drift --current FILE_OR_DIR --out DIR'"
                + " and start the server with that reports folder", TestServer.json(response).get("message").asText());
    }

    @Test
    void servesTheLatestDriftReportOfTheReportsFolderToAdvisors(@TempDir Path reports) throws Exception {
        TestServer server = TestServer.get();
        List<DriftReport.Bin> bins = List.of(new DriftReport.Bin("missing", 0, 0.1),
                new DriftReport.Bin("<= 0.5", 0.5, 0.2), new DriftReport.Bin("> 0.5", 0.5, 0.7));
        DriftReport report = new DriftReport("v1", "2026-01-01T00:00:00Z", "application_test.csv", 950, true, 0.31,
                DriftStatus.DRIFTED, bins, DriftStatus.DRIFTED, 20, 1e-4, List.of(new DriftReport.VariableDrift(
                "application", "EXT_SOURCE_3", "EXT_SOURCE_3", 1, 1.5, "ks", 0.4, 1e-12, 0.2, true, 0.3,
                DriftStatus.DRIFTED, bins)), List.of());
        DriftAnalysis.write(report, reports);
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, 1L << 20, 50, false).withReports(reports);
        try (ApiServer other = ApiServer.create(settings, server.resources()).start(settings)) {
            TestServer second = new TestServer("http://127.0.0.1:" + other.port(), server.advisor(), server.admin(),
                    server.auditLog(), server.resources(), server.withHistory());
            HttpResponse<String> response = second.get(ApiServer.BASE + "/drift", server.advisor());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            JsonNode drift = TestServer.json(response);
            assertEquals("DRIFTED", drift.get("status").asText());
            assertEquals(0.31, drift.get("scorePsi").asDouble(), 0);
            assertEquals("EXT_SOURCE_3", drift.get("variables").get(0).get("variable").asText());
            assertEquals(3, drift.get("scoreBins").size());
            assertEquals(401, second.get(ApiServer.BASE + "/drift", null).statusCode());
        }
    }
}
