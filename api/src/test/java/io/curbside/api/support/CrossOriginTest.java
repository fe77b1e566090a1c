package io.curbside.api.support;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default CURBSIDE_CORS_ORIGINS=*: any site's browser app may read the open data, and nothing more. */
@MicronautTest(transactional = false)
class CrossOriginTest extends HttpTest {

    private static final String SITE = "https://open-data.example";
    private static final String PUBLIC_URL = "https://311.example.org";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.public-url", PUBLIC_URL + "/");
    }

    @Inject
    EmbeddedServer server;

    @Test
    void anySiteReadsTheCatalogAndTheHeadersItNeeds() {
        HttpResponse<String> catalog = http.toBlocking().exchange(HttpRequest.GET("/v1/services")
                .header("Origin", SITE).header("Accept-Language", "es"), String.class);
        assertEquals(HttpStatus.OK, catalog.getStatus());
        assertEquals("*", catalog.header("Access-Control-Allow-Origin"));
        String exposed = catalog.header("Access-Control-Expose-Headers");
        for (String name : new String[] {"ETag", "Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
                "RateLimit-Reset", "RateLimit-Policy", "Content-Language", "Link", "Content-Disposition", "Last-Modified"}) {
            assertTrue(exposed.contains(name), exposed);
        }
        assertNull(catalog.header("Access-Control-Allow-Credentials"));
    }

    @Test
    void aPreflightForAnAnonymousReadIsAnswered() {
        HttpResponse<String> preflight = http.toBlocking().exchange(HttpRequest.OPTIONS("/v1/services/pothole")
                .header("Origin", SITE).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "accept-language, if-none-match"), String.class);
        assertEquals(HttpStatus.NO_CONTENT, preflight.getStatus());
        assertEquals("*", preflight.header("Access-Control-Allow-Origin"));
        assertTrue(preflight.header("Access-Control-Allow-Headers").contains("if-none-match"));
        assertNull(preflight.header("Access-Control-Allow-Credentials"));
    }

    @Test
    void aSiteNotListedMayNotWriteOrSendCredentials() {
        Map<String, Object> problem = requests.problem(HttpRequest.OPTIONS("/v1/requests").header("Origin", SITE)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, idempotency-key, content-type"),
                HttpStatus.FORBIDDEN, "cross-origin-refused");
        assertTrue(problem.get("detail").toString().contains("CURBSIDE_CORS_ORIGINS"), problem.toString());
        requests.problem(HttpRequest.OPTIONS("/v1/me").header("Origin", SITE)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization"), HttpStatus.FORBIDDEN, "cross-origin-refused");
        // A form another site posts needs no preflight: it is refused, not filed with its answer hidden.
        requests.problem(HttpRequest.POST("/v1/requests", Reports.aPothole().json()).header("Origin", SITE),
                HttpStatus.FORBIDDEN, "cross-origin-refused");
    }

    /** Swagger UI's "Try it out" sends Origin too: its own server's, as called or as CURBSIDE_PUBLIC_URL names it. */
    @Test
    void theDocumentationPageMayWriteToItsOwnServer() {
        for (String own : new String[] {"http://localhost:" + server.getPort(), PUBLIC_URL}) {
            HttpResponse<Map<String, Object>> filed = http.toBlocking().exchange(HttpRequest.POST("/v1/requests",
                    Reports.aPothole().json()).header("Origin", own), JSON);
            assertEquals(HttpStatus.CREATED, filed.getStatus(), own);
        }
    }
}
