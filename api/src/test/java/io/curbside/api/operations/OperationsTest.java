package io.curbside.api.operations;

import io.curbside.api.testing.DatabaseTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health includes the database, metrics are Prometheus text, start-up imported the demo once. */
@MicronautTest(transactional = false)
class OperationsTest extends DatabaseTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("endpoints.health.details-visible", "ANONYMOUS");
    }

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void readinessIncludesTheDatabase() {
        Map<?, ?> health = client.toBlocking().retrieve(HttpRequest.GET("/health/readiness"), Map.class);
        assertEquals("UP", health.get("status"));
        assertTrue(String.valueOf(health.get("details")).contains("jdbc"), "readiness checks the datasource: " + health);
        assertEquals("UP", client.toBlocking().retrieve(HttpRequest.GET("/health"), Map.class).get("status"));
        assertEquals("UP", client.toBlocking().retrieve(HttpRequest.GET("/health/liveness"), Map.class).get("status"));
    }

    @Test
    void metricsAreInPrometheusFormat() {
        client.toBlocking().exchange(HttpRequest.GET("/v1/services"), String.class);
        HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.GET("/prometheus"), String.class);
        String body = response.body();
        assertTrue(response.getContentType().orElseThrow().toString().startsWith("text/plain"));
        assertTrue(body.contains("# TYPE http_server_requests_seconds"), "HTTP timings are exported");
        assertTrue(body.contains("hikaricp_connections"), "pool gauges are exported");
    }

    @Test
    void startupImportedTheDemoCityAndCatalogOnce() throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT (SELECT count(*) FROM catalog_import), (SELECT count(*) FROM jurisdiction),
                       (SELECT count(*) FROM district WHERE layer_code = 'council_districts')""")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
            assertEquals(1, rs.getInt(2));
            assertTrue(rs.getInt(3) >= 6, "at least 6 council districts");
        }
    }
}
