package io.curbside.api.support;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behind a trusted proxy (here: the test client's loopback address), its forwarding headers name the host. */
@MicronautTest(transactional = false)
class ForwardedHostFromProxyTest extends HttpTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.trusted-proxies", "127.0.0.1/32, ::1");
    }

    @Test
    void aTrustedProxysForwardingHeadersNameTheHostOfTheLinks() {
        for (HttpRequest<?> request : new HttpRequest<?>[] {
                HttpRequest.POST("/v1/requests", Reports.aPothole().json())
                        .header("X-Forwarded-Host", "311.example.org").header("X-Forwarded-Proto", "https"),
                HttpRequest.POST("/v1/requests", Reports.aPothole().json())
                        .header("Forwarded", "host=311.example.org;proto=https")}) {
            HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(request, JSON);
            String location = response.getHeaders().get("Location");
            assertTrue(location.startsWith("https://311.example.org/v1/requests/CS-"), location);
            assertEquals(location, response.body().get("url"));
        }
    }
}
