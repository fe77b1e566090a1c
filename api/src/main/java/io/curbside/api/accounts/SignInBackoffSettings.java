package io.curbside.api.accounts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;

/**
 * The per-account back-off after failed sign-ins, from {@code curbside.sign-in-backoff.*}.
 *
 * @param freeFailures   failures in a row that cost nothing (a person mistyping)
 * @param quiet          how long after its last wait a run of failures is forgotten
 * @param firstDelay     the wait after the free failures; each further failure doubles it
 * @param maxDelay       the longest wait: the most one address can be kept out by someone else's guesses
 * @param tellOwnerAfter failures in a row after which the owner is mailed
 * @param tellOwnerEvery the owner is mailed at most once in this time, however long the guessing
 */
@ConfigurationProperties("curbside.sign-in-backoff")
public record SignInBackoffSettings(int freeFailures, Duration quiet, Duration firstDelay, Duration maxDelay,
                                    int tellOwnerAfter, Duration tellOwnerEvery) {

    public SignInBackoffSettings {
        if (freeFailures < 1) {
            throw new ConfigurationException("curbside.sign-in-backoff.free-failures must be at least 1, not " + freeFailures);
        }
        positive("quiet", quiet);
        positive("first-delay", firstDelay);
        positive("max-delay", maxDelay);
        positive("tell-owner-every", tellOwnerEvery);
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new ConfigurationException("curbside.sign-in-backoff.max-delay must be at least first-delay");
        }
        if (tellOwnerAfter < 1) {
            throw new ConfigurationException("curbside.sign-in-backoff.tell-owner-after must be at least 1, not "
                    + tellOwnerAfter);
        }
    }

    /** The wait after the attempt that is the run's {@code failures}-th: none while free, then doubling to the cap. */
    Duration delayAfter(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = failures - freeFailures;
        // Past 2^30 times the first wait any sane cap is reached; stopping there keeps the product from overflowing.
        if (doublings >= 30) {
            return maxDelay;
        }
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigurationException("curbside.sign-in-backoff." + name + " must be a positive duration");
        }
    }
}
