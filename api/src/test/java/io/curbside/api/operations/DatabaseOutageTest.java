package io.curbside.api.operations;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.curbside.api.testing.DatabaseTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the database goes away, requests fail fast with 503 problem+json and readiness says DOWN; the log
 * says so in one line per request, and once more when it is back.
 */
@MicronautTest(transactional = false)
class DatabaseOutageTest extends DatabaseTest {

    @Inject
    @Client("/")
    HttpClient client;

    private String database;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("datasources.default.connection-timeout", "1000");
    }

    private void cutOffTheDatabase() throws SQLException {
        if (database == null) {
            try (Connection c = connect()) {
                database = c.getCatalog();
            }
        }
        try (Connection admin = connectToServer()) {
            admin.createStatement().execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            admin.createStatement().execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        }
    }

    @AfterAll
    void reconnect() throws SQLException {
        if (database != null) {
            try (Connection admin = connectToServer()) {
                admin.createStatement().execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
        }
    }

    private static List<String> lines(ListAppender<ILoggingEvent> logged, Predicate<ILoggingEvent> which) {
        synchronized (logged) {
            return logged.list.stream().filter(which).map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void anOutageLogsOneLinePerFailedRequestAndOneWhenTheDatabaseIsBack() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        logged.start();
        root.addAppender(logged);
        try {
            cutOffTheDatabase();
            for (int i = 0; i < 3; i++) {
                HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                        () -> client.toBlocking().exchange(HttpRequest.GET("/v1/services"), String.class));
                assertEquals(HttpStatus.SERVICE_UNAVAILABLE, e.getStatus());
            }
            assertEquals(List.of(), lines(logged, e -> e.getThrowableProxy() != null), "no stack trace");
            assertEquals(3, lines(logged, e -> e.getFormattedMessage().startsWith("GET /v1/services answered 503")).size(),
                    () -> lines(logged, e -> true).toString());

            reconnect();
            Predicate<ILoggingEvent> back = e -> e.getFormattedMessage().startsWith("The database answers again");
            for (int i = 0; i < 100 && lines(logged, back).isEmpty(); i++) {
                Thread.sleep(100);
            }
            List<String> summary = lines(logged, back);
            assertEquals(1, summary.size(), () -> lines(logged, e -> true).toString());
            assertTrue(summary.get(0).matches(".*; [3-9] requests were answered 503 meanwhile"), summary.get(0));
            assertEquals(HttpStatus.OK, client.toBlocking().exchange(HttpRequest.GET("/v1/services"), String.class)
                    .getStatus());
        } finally {
            root.detachAppender(logged);
        }
    }

    @Test
    void answers503WithinSecondsAndReadinessGoesDown() throws SQLException {
        assertEquals(HttpStatus.OK, client.toBlocking().exchange(HttpRequest.GET("/v1/services"), String.class).getStatus());
        cutOffTheDatabase();

        long started = System.nanoTime();
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/v1/services"), String.class));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, e.getStatus());
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        assertEquals("urn:curbside:problem:unavailable", e.getResponse().getBody(Map.class).orElseThrow().get("type"));
        assertEquals("5", e.getResponse().getHeaders().get("Retry-After"));
        assertTrue(millis < 10_000, "failed fast, in " + millis + " ms");

        HttpClientResponseException health = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/health/readiness"), Map.class));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, health.getStatus());
    }
}
