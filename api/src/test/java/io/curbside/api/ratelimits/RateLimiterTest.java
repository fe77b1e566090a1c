package io.curbside.api.ratelimits;

import io.curbside.api.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The buckets alone: refill by the clock, waits rounded up, and memory bounded whatever the number of clients. */
class RateLimiterTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T15:00:00Z"));

    private RateLimiter limiter(long trackedClients) {
        return new RateLimiter(new RateLimitSettings(600, 30, 1200, trackedClients), clock);
    }

    @Test
    void aBucketRefillsContinuouslyAtItsRate() {
        RateLimiter limiter = limiter(100);
        RateLimitSubject subject = new RateLimitSubject("address:192.0.2.1:write", 2, "submissions");
        assertTrue(limiter.take(subject).allowed());
        assertTrue(limiter.take(subject).allowed());
        RateLimiter.Decision refused = limiter.take(subject);
        assertFalse(refused.allowed());
        assertEquals(30, refused.retryAfterSeconds());
        assertEquals(60, refused.resetSeconds());
        clock.advance(Duration.ofSeconds(29));
        assertFalse(limiter.take(subject).allowed());
        clock.advance(Duration.ofSeconds(1));
        RateLimiter.Decision again = limiter.take(subject);
        assertTrue(again.allowed());
        assertEquals(0, again.remaining());
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        RateLimiter limiter = limiter(100);
        // 7 a minute: one every 8.57 s, said as 9.
        RateLimitSubject seven = new RateLimitSubject("api-key:1", 7, "requests");
        for (int i = 0; i < 7; i++) {
            limiter.take(seven);
        }
        assertEquals(9, limiter.take(seven).retryAfterSeconds());
        // 6,000 a minute: one every 10 ms, said as 1 s, never 0.
        RateLimitSubject fast = new RateLimitSubject("api-key:2", 6000, "requests");
        for (int i = 0; i < 6000; i++) {
            limiter.take(fast);
        }
        RateLimiter.Decision refused = limiter.take(fast);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfClients() {
        RateLimiter limiter = limiter(500);
        for (int i = 0; i < 20_000; i++) {
            limiter.take(new RateLimitSubject("address:10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255)
                    + ":read", 600, "requests"));
        }
        long held = limiter.bucketsHeld();
        assertTrue(held <= 500 && held > 0, "held " + held);
    }

    @Test
    void bucketsUnusedForAMinuteAreForgotten() {
        RateLimiter limiter = limiter(1000);
        for (int i = 0; i < 100; i++) {
            limiter.take(new RateLimitSubject("address:192.0.2." + i + ":read", 600, "requests"));
        }
        assertEquals(100, limiter.bucketsHeld());
        clock.advance(Duration.ofSeconds(61));
        assertEquals(0, limiter.bucketsHeld());
    }

    @Test
    void aChangedLimitStartsABucketAtTheNewRate() {
        RateLimiter limiter = limiter(100);
        assertTrue(limiter.take(new RateLimitSubject("api-key:9", 1, "requests")).allowed());
        assertFalse(limiter.take(new RateLimitSubject("api-key:9", 1, "requests")).allowed());
        assertTrue(limiter.take(new RateLimitSubject("api-key:9", 50, "requests")).allowed());
    }
}
