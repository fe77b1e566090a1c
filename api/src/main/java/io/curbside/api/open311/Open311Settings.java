package io.curbside.api.open311;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The Open311 adapter's settings ({@code curbside.open311.*}).
 *
 * @param jurisdictionId this deployment's {@code jurisdiction_id}, which discovery names; when set, a request
 *                       naming another is a 404. Unset, the server serves one jurisdiction and the parameter,
 *                       which the spec then makes optional, is not checked
 * @param contact        who to ask about the API, for discovery's {@code contact}
 * @param keyService     where a developer asks for an API key, for discovery's {@code key_service}
 */
@ConfigurationProperties("curbside.open311")
record Open311Settings(@Nullable String jurisdictionId, @Nullable String contact, @Nullable String keyService) {

    /** The configured id, or null when none is. */
    @Nullable
    String jurisdiction() {
        return jurisdictionId == null || jurisdictionId.isBlank() ? null : jurisdictionId.strip();
    }
}
