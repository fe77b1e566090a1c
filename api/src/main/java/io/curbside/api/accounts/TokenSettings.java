package io.curbside.api.accounts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * How Curbside's own tokens are made: the signing key (a private JWK), who they are from and
 * for, and how long they last. {@code mode} is {@code production} unless set to {@code dev}:
 * only in dev may the key be left out, and then a new one is made at each start.
 */
@ConfigurationProperties("curbside.tokens")
public record TokenSettings(
        @Nullable String mode,
        @Nullable String signingKey,
        String issuer,
        String audience,
        Duration accessTtl,
        Duration refreshTtl,
        @Nullable Duration refreshGrace) {

    /** How long after its use a refresh token may be presented again because its answer was lost. */
    public Duration refreshGrace() {
        return refreshGrace == null ? Duration.ZERO : refreshGrace;
    }

    public boolean dev() {
        return "dev".equalsIgnoreCase(mode == null ? "" : mode.strip());
    }
}
