package io.curbside.api.ratelimits;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * The rate limits, from the {@code curbside.rate-limit.*} properties; an impossible value is
 * refused here, so the application does not start with it. Every limit is a number of requests
 * a minute, and also the burst allowed at once (a full bucket). ({@code enabled} is read by the
 * filters' {@code @Requires}; the proxies that name the client are {@code curbside.trusted-proxies}.)
 *
 * @param readsPerMinute  reads (GET, HEAD, OPTIONS) a minute from one client address without an API key
 * @param writesPerMinute writes (POST, PUT, PATCH, DELETE) a minute from one client address without an API key
 * @param apiKeyPerMinute requests a minute with an API key that has no limit of its own
 * @param trackedClients  the most buckets kept in memory at once, whatever the number of clients
 */
@ConfigurationProperties("curbside.rate-limit")
public record RateLimitSettings(long readsPerMinute, long writesPerMinute, long apiKeyPerMinute, long trackedClients) {

    public RateLimitSettings {
        atLeastOne("reads-per-minute", readsPerMinute);
        atLeastOne("writes-per-minute", writesPerMinute);
        atLeastOne("api-key-per-minute", apiKeyPerMinute);
        atLeastOne("tracked-clients", trackedClients);
    }

    private static void atLeastOne(String name, long value) {
        if (value < 1) {
            throw new ConfigurationException("curbside.rate-limit." + name + " must be at least 1, not " + value);
        }
    }
}
