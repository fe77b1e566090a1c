package io.curbside.api.ratelimits;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * An API key as administrators see it: never its secret nor its hash.
 *
 * @param id         the row's id, for revoking
 * @param prefix     the public start of the key ("cs_live_ab12cd34"), how it is named in lists and logs
 * @param name       who the key is for and why
 * @param perMinute  its own rate limit in requests a minute, or null for the configured default for keys
 * @param createdAt  when it was issued
 * @param createdBy  the administrator who issued it, when known
 * @param revokedAt  when it was revoked, or null while it works
 * @param lastUsedAt about when it was last used (kept to the minute), or null if never
 */
public record ApiKey(long id, String prefix, String name, @Nullable Integer perMinute, Instant createdAt,
                     @Nullable String createdBy, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
