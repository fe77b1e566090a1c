package io.curbside.api.notifications;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before the next attempt: exponential (first, 2 x first, 4 x first ... up to a cap)
 * with "equal jitter", a random half of it, so that receivers back from an outage are not hit
 * by every retry in the same second.
 */
final class Backoff {

    private final Duration first;
    private final Duration cap;

    Backoff(Duration first, Duration cap) {
        this.first = first;
        this.cap = cap;
    }

    /** The wait after attempt number {@code attempts} (1 for the first) failed: between half and all of its step. */
    Duration after(int attempts, RandomGenerator random) {
        long step = step(attempts).toMillis();
        long half = step / 2;
        return Duration.ofMillis(step - half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }

    /** The un-jittered wait after attempt number {@code attempts}. */
    Duration step(int attempts) {
        int doublings = Math.max(0, attempts - 1);
        long millis = first.toMillis();
        for (int i = 0; i < doublings && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }
}
