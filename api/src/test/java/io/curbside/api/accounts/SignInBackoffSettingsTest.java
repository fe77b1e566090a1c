package io.curbside.api.accounts;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wait after each failure of a run: none while free, then doubling to the cap, whatever the run's length. */
class SignInBackoffSettingsTest {

    private final SignInBackoffSettings defaults = new SignInBackoffSettings(5, Duration.ofMinutes(15),
            Duration.ofSeconds(1), Duration.ofMinutes(15), 10, Duration.ofHours(24));

    @Test
    void freeThenDoublingThenCapped() {
        List<Long> waits = new ArrayList<>();
        for (int failures = 1; failures <= 16; failures++) {
            waits.add(defaults.delayAfter(failures).toSeconds());
        }
        assertEquals(List.of(0L, 0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 900L, 900L), waits);
    }

    @Test
    void neverMoreThanTheCapNorLessThanBefore() {
        Duration previous = Duration.ZERO;
        for (int failures = 1; failures < 100_000; failures += 1 + failures / 7) {
            Duration wait = defaults.delayAfter(failures);
            assertTrue(wait.compareTo(defaults.maxDelay()) <= 0, failures + ": " + wait);
            assertTrue(wait.compareTo(previous) >= 0, failures + ": " + wait + " < " + previous);
            previous = wait;
        }
        assertEquals(defaults.maxDelay(), defaults.delayAfter(Integer.MAX_VALUE));
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThrows(ConfigurationException.class, () -> new SignInBackoffSettings(0, Duration.ofMinutes(15),
                Duration.ofSeconds(1), Duration.ofMinutes(15), 10, Duration.ofHours(24)));
        assertThrows(ConfigurationException.class, () -> new SignInBackoffSettings(5, Duration.ofMinutes(15),
                Duration.ofMinutes(20), Duration.ofMinutes(15), 10, Duration.ofHours(24)));
        assertThrows(ConfigurationException.class, () -> new SignInBackoffSettings(5, Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofMinutes(15), 10, Duration.ofHours(24)));
        assertThrows(ConfigurationException.class, () -> new SignInBackoffSettings(5, Duration.ofMinutes(15),
                Duration.ofSeconds(1), Duration.ofMinutes(15), 0, Duration.ofHours(24)));
    }
}
