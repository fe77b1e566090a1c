package io.curbside.api.support;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without CURBSIDE_PUBLIC_URL, links are built on the host the client called. A client that is
 * not a trusted proxy cannot move them to its own host with Forwarded or X-Forwarded-* headers.
 */
@MicronautTest(transactional = false)
class ForwardedHostTest extends HttpTest {

    @Test
    void anUntrustedClientsForwardingHeadersDoNotMoveTheLinks() {
        for (MutableHttpRequest<?> request : new MutableHttpRequest<?>[] {
                HttpRequest.POST("/v1/requests", Reports.aPothole().json())
                        .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https"),
                HttpRequest.POST("/v1/requests", Reports.aPothole().json())
                        .header("Forwarded", "host=evil.example;proto=https"),
                HttpRequest.POST("/v1/requests", Reports.aPothole().json())
                        .header("X-Forwarded-Host", "evil.example:8443").header("X-Forwarded-Port", "8443")}) {
            HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(request, JSON);
            String location = response.getHeaders().get("Location");
            assertFalse(location.contains("evil.example"), location);
            assertTrue(location.startsWith("http://"), location);
            assertEquals(location, response.body().get("url"));
        }
    }
}
