package io.curbside.api.ratelimits;

import io.micronaut.core.annotation.Nullable;

/**
 * What a request's API key turned out to be; left on the request as {@link ApiKeyFilter#CHECKED}
 * for the rate limiter, and for later readers such as an Open311 adapter that requires a key.
 *
 * @param valid the key, or null when what was presented is no valid key (malformed, unknown, revoked)
 */
public record ApiKeyCheck(@Nullable ApiKey valid) {

    static final ApiKeyCheck INVALID = new ApiKeyCheck(null);
}
