package io.curbside.api.ratelimits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * Token buckets in memory, one per subject: a bucket holds a minute's worth of requests and
 * refills continuously at that rate. The buckets live in a bounded cache, so memory stays bounded
 * whatever the number of clients; a bucket unused for a minute is full again, so forgetting it
 * loses nothing. Limits are per node: N nodes allow N times as much (a distributed bucket4j backend,
 * e.g. on PostgreSQL or Redis, is the way to one shared limit).
 */
@Singleton
class RateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ClockTicker time;
    private final Cache<String, Bucket> buckets;

    RateLimiter(RateLimitSettings settings, Clock clock) {
        this.time = new ClockTicker(clock);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(settings.trackedClients())
                .expireAfterAccess(WINDOW)
                .ticker(time)
                .build();
    }

    /** What one request to the subject's budget left. */
    record Decision(RateLimitSubject subject, boolean allowed, long remaining, long retryAfterSeconds,
                    long resetSeconds) {
    }

    /** Takes one request from the subject's bucket, if there is one left. */
    Decision take(RateLimitSubject subject) {
        long perMinute = subject.perMinute();
        // The rate is part of the name: a key whose limit changed starts a bucket at its new rate.
        Bucket bucket = buckets.get(subject.bucket() + "@" + perMinute, name -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, WINDOW))
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Decision(subject, probe.isConsumed(), probe.getRemainingTokens(),
                Math.max(1, seconds(probe.getNanosToWaitForRefill())), seconds(probe.getNanosToWaitForReset()));
    }

    /** Buckets held now, after pending evictions. */
    long bucketsHeld() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /** Whole seconds, rounded up: a client that waits this long finds its token there. */
    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
