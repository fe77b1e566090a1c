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
        @Nullable Duration refreshGrace,
        @Nullable Duration reauthWindow) {

    /** Without a setting, a sign-in counts as recent for five minutes. */
    private static final Duration DEFAULT_REAUTH_WINDOW = Duration.ofMinutes(5);

    /** How long after its use a refresh token may be presented again because its answer was lost. */
    public Duration refreshGrace() {
        return refreshGrace == null ? Duration.ZERO : refreshGrace;
    }

    /**
     * How long after a password sign-in deleting the account and the like need no password again
     * (zero: they always do). Refreshing does not restart it.
     */
    public Duration reauthWindow() {
        return reauthWindow == null || reauthWindow.isNegative() ? DEFAULT_REAUTH_WINDOW : reauthWindow;
    }

    public boolean dev() {
        return "dev".equalsIgnoreCase(mode == null ? "" : mode.strip());
    }
}
