package fr.pretadepenser.scoring.api;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's files are public shells under the strict content security policy; its data is not. */
class DashboardFilesTest {

    @Test
    void thePagesAndChartsLibraryNeedNoSignIn() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> index = server.get("/", null);
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("<html lang=\"fr\">"));
        String policy = index.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertEquals(200, server.get("/js/app.js", null).statusCode());
        assertEquals(200, server.get("/i18n/en.js", null).statusCode());
        assertEquals(200, server.get("/webjars/echarts/5.3.1/dist/echarts.min.js", null).statusCode());
        assertEquals(401, server.get(ApiServer.BASE + "/clients", null).statusCode(), "the data needs a session");
    }

    @Test
    void noPageCarriesAnInlineScript() throws Exception {
        TestServer server = TestServer.get();
        String index = server.get("/", null).body();
        assertTrue(index.replaceAll("<script[^>]*src=\"[^\"]+\"[^>]*></script>", "").indexOf("<script") < 0,
                "every script is a file: the policy forbids inline ones");
    }
}
