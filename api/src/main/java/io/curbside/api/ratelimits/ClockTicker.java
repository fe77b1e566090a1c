package io.curbside.api.ratelimits;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Instant;

/**
 * The application's clock as Caffeine's ticker and bucket4j's time meter, so caches expire and
 * buckets refill by the same time a test can set, instead of by sleeping.
 */
final class ClockTicker implements Ticker, TimeMeter {

    private final Clock clock;

    ClockTicker(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long read() {
        return currentTimeNanos();
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Wall-clock time: bucket4j then tolerates a clock set back (it refills nothing until time catches up). */
    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
