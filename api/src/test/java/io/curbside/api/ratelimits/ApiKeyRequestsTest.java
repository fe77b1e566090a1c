package io.curbside.api.ratelimits;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.TestClock;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request with an API key is counted against the key's own budget; a bad key is refused, never served as anonymous. */
@MicronautTest(transactional = false)
class ApiKeyRequestsTest extends HttpTest {

    private static final int READS = 4;
    private static final int KEY_DEFAULT = 6;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T15:00:00Z"));

    @Inject
    ApiKeys apiKeys;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.rate-limit.reads-per-minute", String.valueOf(READS),
                "curbside.rate-limit.api-key-per-minute", String.valueOf(KEY_DEFAULT));
    }

    @BeforeEach
    void aMinuteLater() {
        clock.advance(Duration.ofMinutes(2));
    }

    private HttpResponse<String> withKey(String key) {
        return http.toBlocking().exchange(HttpRequest.GET("/v1/services").header("X-Api-Key", key), String.class);
    }

    @Test
    void aKeyHasItsOwnBudgetWhateverTheAddressHasLeft() {
        for (int i = 0; i < READS; i++) {
            http.toBlocking().exchange(HttpRequest.GET("/v1/services"));
        }
        Refusals.of(http, HttpRequest.GET("/v1/services"), HttpStatus.TOO_MANY_REQUESTS, "rate-limited");

        IssuedApiKey own = apiKeys.issue("Open data portal", 3, "admin-1");
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> ok = withKey(own.secret());
            assertEquals("3", ok.header("RateLimit-Limit"));
            assertEquals(String.valueOf(3 - i), ok.header("RateLimit-Remaining"));
        }
        HttpClientResponseException e = Refusals.of(http, HttpRequest.GET("/v1/services").header("X-Api-Key",
                own.secret()), HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
        assertEquals("20", e.getResponse().header("Retry-After"));
        assertTrue(((String) Refusals.body(e).get("detail")).contains(own.key().prefix()));

        // Another key from the same address: a budget of its own, the configured default.
        IssuedApiKey other = apiKeys.issue("Open311 app", null, null);
        assertEquals(String.valueOf(KEY_DEFAULT), withKey(other.secret()).header("RateLimit-Limit"));
    }

    @Test
    void open311ClientsMaySendTheKeyAsAQueryParameter() {
        IssuedApiKey key = apiKeys.issue("GeoReport client", 7, null);
        HttpResponse<String> ok = http.toBlocking().exchange(HttpRequest.GET("/v1/services?api_key=" + key.secret()),
                String.class);
        assertEquals("7", ok.header("RateLimit-Limit"));
        Refusals.of(http, HttpRequest.GET("/v1/services?api_key=cs_live_00000000_nope"), HttpStatus.UNAUTHORIZED,
                "invalid-api-key");
        // "api_key=" with nothing in it, as some clients send without a key, is no key.
        assertEquals(String.valueOf(READS), http.toBlocking().exchange(HttpRequest.GET("/v1/services?api_key="),
                String.class).header("RateLimit-Limit"));
    }

    @Test
    void unknownMistypedAndRevokedKeysAre401() {
        IssuedApiKey key = apiKeys.issue("Revoked soon", null, null);
        String mistyped = key.secret().substring(0, key.secret().length() - 1)
                + (key.secret().endsWith("A") ? "B" : "A");
        HttpClientResponseException e = Refusals.of(http, HttpRequest.GET("/v1/services").header("X-Api-Key", mistyped),
                HttpStatus.UNAUTHORIZED, "invalid-api-key");
        assertTrue(e.getResponse().header("WWW-Authenticate").startsWith("ApiKey "));
        Refusals.of(http, HttpRequest.GET("/v1/services").header("X-Api-Key", "not a key at all"),
                HttpStatus.UNAUTHORIZED, "invalid-api-key");

        assertEquals(HttpStatus.OK, withKey(key.secret()).getStatus());
        apiKeys.revoke(key.key().id());
        Refusals.of(http, HttpRequest.GET("/v1/services").header("X-Api-Key", key.secret()),
                HttpStatus.UNAUTHORIZED, "invalid-api-key");
    }

    @Test
    void guessingKeysCostsTheAddressItsBudget() {
        for (int i = 0; i < READS; i++) {
            Refusals.of(http, HttpRequest.GET("/v1/services").header("X-Api-Key", "cs_live_guess00" + i),
                    HttpStatus.UNAUTHORIZED, "invalid-api-key");
        }
        Refusals.of(http, HttpRequest.GET("/v1/services").header("X-Api-Key", "cs_live_guess009"),
                HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
    }

    @Test
    void aKeyRevokedOnAnotherNodeIsRefusedHereWithinTheRecheckTime() throws Exception {
        IssuedApiKey key = apiKeys.issue("Revoked elsewhere", null, null);
        assertEquals(HttpStatus.OK, withKey(key.secret()).getStatus());
        try (Connection c = connect()) {
            c.createStatement().execute("UPDATE api_key SET revoked_at = now() WHERE id = " + key.key().id());
        }
        // This node still trusts what it read a moment ago...
        assertEquals(HttpStatus.OK, withKey(key.secret()).getStatus());
        clock.advance(ApiKeys.RECHECK.plusSeconds(1));
        // ...but no longer than ApiKeys.RECHECK.
        Refusals.of(http, HttpRequest.GET("/v1/services").header("X-Api-Key", key.secret()),
                HttpStatus.UNAUTHORIZED, "invalid-api-key");
    }

    @Test
    void theTableHoldsTheHashNeverTheKey() throws Exception {
        IssuedApiKey key = apiKeys.issue("Stored safely", 10, "admin-2");
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT row_to_json(k)::text, secret_hash FROM api_key k WHERE id = " + key.key().id())) {
            assertTrue(rs.next());
            String row = rs.getString(1);
            String secretPart = key.secret().substring(key.key().prefix().length() + 1);
            assertTrue(row.contains(key.key().prefix()), row);
            assertTrue(!row.contains(secretPart) && !row.contains(key.secret()), row);
            assertEquals(32, rs.getBytes(2).length);
            assertTrue(java.util.Arrays.equals(ApiKeyText.parse(key.secret()).orElseThrow().sha256(), rs.getBytes(2)));
        }
    }

    @Test
    void aKeysLastUseIsWrittenAtMostOnceAMinute() throws Exception {
        IssuedApiKey key = apiKeys.issue("Busy client", 100, null);
        assertNull(lastUsed(key));
        Instant first = clock.instant();
        withKey(key.secret());
        awaitLastUsed(key, first);
        clock.advance(Duration.ofSeconds(20));
        withKey(key.secret());
        withKey(key.secret());
        // A use within the minute starts no write: there is no event to wait for, and a later write would
        // prove nothing, as the writes run on an executor that keeps no order. So the row is watched for
        // 200 ms instead, as long as the sleep here used to be, but throughout.
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertEquals(first, lastUsed(key),
                        "a use 20 s after the last one written is not written"));
        clock.advance(Duration.ofSeconds(41));
        Instant later = clock.instant();
        withKey(key.secret());
        awaitLastUsed(key, later);
    }

    /** Written off the request's thread. */
    private void awaitLastUsed(IssuedApiKey key, Instant expected) {
        await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertEquals(expected, lastUsed(key)));
    }

    private Instant lastUsed(IssuedApiKey key) throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT last_used_at FROM api_key WHERE id = " + key.key().id())) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        }
    }
}
