package io.curbside.api.ratelimits;

import io.curbside.api.testing.HttpTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A key that must be looked up while the database is away answers 503 problem+json, not a 500 or a hang. */
@MicronautTest(transactional = false)
class ApiKeyOutageTest extends HttpTest {

    @Inject
    ApiKeys apiKeys;

    private String database;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("datasources.default.connection-timeout", "1000");
    }

    @AfterAll
    void reconnect() throws SQLException {
        if (database != null) {
            try (Connection admin = connectToServer()) {
                admin.createStatement().execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
        }
    }

    @Test
    void aKeyLookupWithoutTheDatabaseIs503() throws SQLException {
        IssuedApiKey key = apiKeys.issue("Looked up during an outage", null, null);
        try (Connection c = connect()) {
            database = c.getCatalog();
        }
        try (Connection admin = connectToServer()) {
            admin.createStatement().execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            admin.createStatement().execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        }
        HttpClientResponseException e = Refusals.of(http, HttpRequest.GET("/v1/jurisdiction").header("X-Api-Key",
                key.secret()), HttpStatus.SERVICE_UNAVAILABLE, "unavailable");
        assertEquals("5", e.getResponse().header("Retry-After"));
    }
}
