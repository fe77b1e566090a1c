package io.curbside.api.notifications;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waits between attempts: doubling from the first to the cap, each jittered within its upper half. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1));

    @Test
    void stepsDoubleUpToTheCap() {
        long[] expected = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600};
        for (int attempt = 1; attempt <= expected.length; attempt++) {
            assertEquals(Duration.ofSeconds(expected[attempt - 1]), backoff.step(attempt), "after attempt " + attempt);
        }
        assertEquals(Duration.ofHours(1), backoff.step(1_000), "no overflow after many attempts");
    }

    @Test
    void eachWaitIsBetweenHalfAndAllOfItsStepAndTheyDiffer() {
        SplittableRandom random = new SplittableRandom(42);
        for (int attempt = 1; attempt <= 12; attempt++) {
            Duration step = backoff.step(attempt);
            long smallest = Long.MAX_VALUE;
            long largest = Long.MIN_VALUE;
            for (int i = 0; i < 2_000; i++) {
                long wait = backoff.after(attempt, random).toMillis();
                assertTrue(wait >= step.toMillis() / 2 && wait <= step.toMillis(), wait + " for a step of " + step);
                smallest = Math.min(smallest, wait);
                largest = Math.max(largest, wait);
            }
            assertTrue(largest - smallest > step.toMillis() / 4, "jitter spreads the waits of attempt " + attempt);
        }
    }
}
