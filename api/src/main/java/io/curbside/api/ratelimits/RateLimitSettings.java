package io.curbside.api.ratelimits;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The rate limits, from {@code curbside.rate-limit.*} and {@code curbside.trusted-proxies}; an
 * impossible value is refused here, so the application does not start with it. Every limit is
 * a number of requests a minute, and also the burst allowed at once (a full bucket).
 */
@Singleton
public final class RateLimitSettings {

    static final String PREFIX = "curbside.rate-limit.";

    private final long readsPerMinute;
    private final long writesPerMinute;
    private final long apiKeyPerMinute;
    private final long trackedClients;
    private final List<Cidr> trustedProxies;

    RateLimitSettings(@Value("${curbside.rate-limit.reads-per-minute:600}") long readsPerMinute,
                      @Value("${curbside.rate-limit.writes-per-minute:30}") long writesPerMinute,
                      @Value("${curbside.rate-limit.api-key-per-minute:1200}") long apiKeyPerMinute,
                      @Value("${curbside.rate-limit.tracked-clients:50000}") long trackedClients,
                      @Value("${curbside.trusted-proxies:}") String trustedProxies) {
        this.readsPerMinute = atLeastOne("reads-per-minute", readsPerMinute);
        this.writesPerMinute = atLeastOne("writes-per-minute", writesPerMinute);
        this.apiKeyPerMinute = atLeastOne("api-key-per-minute", apiKeyPerMinute);
        this.trackedClients = atLeastOne("tracked-clients", trackedClients);
        this.trustedProxies = cidrs(trustedProxies);
    }

    /** Reads (GET, HEAD, OPTIONS) a minute from one client address without an API key. */
    public long readsPerMinute() {
        return readsPerMinute;
    }

    /** Writes (POST, PUT, PATCH, DELETE) a minute from one client address without an API key. */
    public long writesPerMinute() {
        return writesPerMinute;
    }

    /** Requests a minute with an API key that has no limit of its own. */
    public long apiKeyPerMinute() {
        return apiKeyPerMinute;
    }

    /** The most buckets kept in memory at once, whatever the number of clients. */
    public long trackedClients() {
        return trackedClients;
    }

    /** Whether the peer is a proxy whose X-Forwarded-For is believed. */
    public boolean trusts(InetAddress peer) {
        for (Cidr cidr : trustedProxies) {
            if (cidr.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    private static long atLeastOne(String name, long value) {
        if (value < 1) {
            throw new ConfigurationException(PREFIX + name + " must be at least 1, not " + value);
        }
        return value;
    }

    private static List<Cidr> cidrs(String list) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String item : list.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            try {
                cidrs.add(Cidr.parse(item));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("curbside.trusted-proxies: " + e.getMessage());
            }
        }
        return List.copyOf(cidrs);
    }
}
