package io.curbside.api.ratelimits;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.TestClock;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients without an API key are limited by address, reads and writes apart; operations routes are
 * never limited; a refusal is 429 problem+json with the wait in Retry-After. Time is moved by hand.
 */
@MicronautTest(transactional = false)
class RateLimitTest extends HttpTest {

    static final int READS = 5;
    static final int WRITES = 2;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T15:00:00Z"));

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.rate-limit.reads-per-minute", String.valueOf(READS),
                "curbside.rate-limit.writes-per-minute", String.valueOf(WRITES));
    }

    /** Each test starts with full buckets: a bucket left alone for a minute is full again. */
    @BeforeEach
    void aMinuteLater() {
        clock.advance(Duration.ofMinutes(2));
    }

    @Test
    void readsOverTheLimitAre429WithRetryAfter() {
        for (int i = 1; i <= READS; i++) {
            HttpResponse<String> ok = http.toBlocking().exchange(HttpRequest.GET("/v1/services"), String.class);
            assertEquals(String.valueOf(READS), ok.header("RateLimit-Limit"));
            assertEquals(String.valueOf(READS - i), ok.header("RateLimit-Remaining"));
            assertEquals(READS + ";w=60", ok.header("RateLimit-Policy"));
        }
        HttpClientResponseException e = Refusals.of(http, HttpRequest.GET("/v1/services"), HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited");
        // 5 a minute: one more every 12 seconds.
        assertEquals("12", e.getResponse().header("Retry-After"));
        assertEquals(1, e.getResponse().getHeaders().getAll("Retry-After").size());
        assertEquals(1, e.getResponse().getHeaders().getAll("RateLimit-Limit").size());
        assertEquals("0", e.getResponse().header("RateLimit-Remaining"));
        assertEquals("60", e.getResponse().header("RateLimit-Reset"));
        String detail = (String) Refusals.body(e).get("detail");
        assertTrue(detail.contains("the limit is 5 a minute") && detail.contains("wait 12 seconds"), detail);
    }

    @Test
    void aRefusedClientIsServedAgainWhenRetryAfterHasPassed() {
        useUpReads();
        clock.advance(Duration.ofSeconds(11));
        HttpClientResponseException e = Refusals.of(http, HttpRequest.GET("/v1/services"), HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited");
        assertEquals("1", e.getResponse().header("Retry-After"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/v1/services")).getStatus());
    }

    @Test
    void writesHaveTheirOwnSmallerBudget() {
        useUpReads();
        for (int i = 0; i < WRITES; i++) {
            // Refused as a report, but counted as a write: the limiter comes first.
            requests.problem(HttpRequest.POST("/v1/requests", Map.of()), HttpStatus.UNPROCESSABLE_ENTITY,
                    "invalid-fields");
        }
        HttpClientResponseException e = Refusals.of(http, HttpRequest.POST("/v1/requests", Map.of()),
                HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
        assertEquals("30", e.getResponse().header("Retry-After"));
        assertEquals(String.valueOf(WRITES), e.getResponse().header("RateLimit-Limit"));
        assertTrue(((String) Refusals.body(e).get("detail")).contains("submissions"));

        clock.advance(Duration.ofMinutes(2));
        useUpWrites();
        // Reads are untouched by the writes.
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/v1/services")).getStatus());
    }

    @Test
    void healthAndMetricsAreNeverLimited() {
        useUpReads();
        for (int i = 0; i < 3 * READS; i++) {
            assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/health/liveness")).getStatus());
        }
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/health")).getStatus());
        HttpResponse<String> metrics = http.toBlocking().exchange(HttpRequest.GET("/prometheus"), String.class);
        assertEquals(HttpStatus.OK, metrics.getStatus());
        assertEquals(null, metrics.header("RateLimit-Limit"));
    }

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeer() {
        for (int i = 0; i < READS; i++) {
            http.toBlocking().exchange(HttpRequest.GET("/v1/services").header("X-Forwarded-For", "203.0.113." + i));
        }
        // Another "client" by its header, the same peer: the same budget.
        Refusals.of(http, HttpRequest.GET("/v1/services").header("X-Forwarded-For", "198.51.100.77"),
                HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
    }

    @Test
    void aForgedTokenIsCountedByAddressBeforeItIsRefused() {
        useUpReads();
        Refusals.of(http, HttpRequest.GET("/v1/services").bearerAuth("a.forged.token"), HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited");
    }

    @Test
    void aRefusalIsAProblemEvenForAClientThatAsksForSomethingElse() {
        useUpReads();
        MutableHttpRequest<?> request = HttpRequest.GET("/v1/services").accept(MediaType.TEXT_HTML_TYPE);
        HttpClientResponseException e = Refusals.of(http, request, HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
        assertEquals("/v1/services", Refusals.body(e).get("instance"));
    }

    private void useUpReads() {
        for (int i = 0; i < READS; i++) {
            assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/v1/services")).getStatus());
        }
        Refusals.of(http, HttpRequest.GET("/v1/services"), HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
    }

    private void useUpWrites() {
        for (int i = 0; i < WRITES; i++) {
            requests.problem(HttpRequest.POST("/v1/requests", Map.of()), HttpStatus.UNPROCESSABLE_ENTITY,
                    "invalid-fields");
        }
        Refusals.of(http, HttpRequest.POST("/v1/requests", Map.of()), HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
    }
}
