package io.curbside.api.support;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CURBSIDE_CORS_ORIGINS lists the city's own app: it may file reports signed in; no other site may call. */
@MicronautTest(transactional = false)
class CrossOriginListTest extends HttpTest {

    private static final String APP = "https://app.example.org";
    private static final String OTHER = "https://evil.example";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.cors.origins", APP + ", https://map.example.org");
    }

    @Test
    void theListedAppsPreflightForFilingIsAnswered() {
        HttpResponse<String> preflight = http.toBlocking().exchange(HttpRequest.OPTIONS("/v1/requests")
                .header("Origin", APP).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, idempotency-key, content-type"), String.class);
        assertEquals(HttpStatus.NO_CONTENT, preflight.getStatus());
        assertEquals(APP, preflight.header("Access-Control-Allow-Origin"));
        assertTrue(preflight.header("Access-Control-Allow-Methods").contains("POST"));
        String allowed = preflight.header("Access-Control-Allow-Headers");
        for (String name : new String[] {"authorization", "idempotency-key", "receipt-token", "if-match", "content-type",
                "accept-language"}) {
            assertTrue(allowed.contains(name), allowed);
        }
        assertTrue(preflight.getHeaders().getAll("Vary").toString().contains("Origin"));
        assertNull(preflight.header("Access-Control-Allow-Credentials"));
    }

    @Test
    void theListedAppFilesAndReadsTheLocationAndLimits() {
        HttpResponse<Map<String, Object>> filed = http.toBlocking().exchange(HttpRequest.POST("/v1/requests",
                Reports.aPothole().json()).header("Origin", APP).header("Idempotency-Key", "cors-listed-app-0001"), JSON);
        assertEquals(HttpStatus.CREATED, filed.getStatus());
        assertEquals(APP, filed.header("Access-Control-Allow-Origin"));
        String exposed = filed.header("Access-Control-Expose-Headers");
        assertTrue(exposed.contains("Location") && exposed.contains("RateLimit-Remaining"), exposed);

        HttpResponse<String> catalog = http.toBlocking().exchange(HttpRequest.GET("/v1/services")
                .header("Origin", APP), String.class);
        assertEquals(APP, catalog.header("Access-Control-Allow-Origin"));
        assertTrue(catalog.header("Access-Control-Expose-Headers").contains("ETag"));
    }

    @Test
    void anotherSiteGetsNoAllowHeaderAndAProblem() {
        HttpResponse<String> catalog = http.toBlocking().exchange(HttpRequest.GET("/v1/services")
                .header("Origin", OTHER), String.class);
        assertEquals(HttpStatus.OK, catalog.getStatus());
        assertNull(catalog.header("Access-Control-Allow-Origin"));
        Map<String, Object> problem = requests.problem(HttpRequest.OPTIONS("/v1/services").header("Origin", OTHER)
                .header("Access-Control-Request-Method", "GET"), HttpStatus.FORBIDDEN, "cross-origin-refused");
        assertTrue(problem.get("detail").toString().contains(OTHER), problem.toString());
    }

    @Test
    void aMethodNoRouteTakesIsRefusedWithAProblem() {
        requests.problem(HttpRequest.OPTIONS("/v1/requests").header("Origin", APP)
                .header("Access-Control-Request-Method", "TRACE"), HttpStatus.FORBIDDEN, "cross-origin-refused");
        requests.problem(HttpRequest.OPTIONS("/v1/requests").header("Origin", APP)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-debug"), HttpStatus.FORBIDDEN, "cross-origin-refused");
    }
}
