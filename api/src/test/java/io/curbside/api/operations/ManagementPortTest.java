package io.curbside.api.operations;

import io.curbside.api.testing.DatabaseTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With CURBSIDE_MANAGEMENT_PORT, metrics and health answer on that port only, which the proxy does not forward. */
@MicronautTest(transactional = false)
class ManagementPortTest extends DatabaseTest {

    private final int managementPort = freePort();

    @Inject
    @Client("/")
    HttpClient publicPort;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("endpoints.all.port", Integer.toString(managementPort));
    }

    @Test
    void metricsAndHealthAnswerOnTheManagementPortAndNotOnThePublicOne() throws MalformedURLException {
        for (String path : new String[] {"/prometheus", "/health", "/health/readiness"}) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> publicPort.toBlocking().exchange(HttpRequest.GET(path), String.class), path);
            assertEquals(HttpStatus.NOT_FOUND, e.getStatus(), path);
        }
        assertEquals(HttpStatus.OK, publicPort.toBlocking().exchange(HttpRequest.GET("/v1/services"), String.class).getStatus());
        try (HttpClient management = HttpClient.create(new URL("http://127.0.0.1:" + managementPort))) {
            assertTrue(management.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class)
                    .contains("curbside_outbox_backlog"));
            assertEquals(HttpStatus.OK, management.toBlocking().exchange(HttpRequest.GET("/health"), String.class).getStatus());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
