package io.curbside.api.accounts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * Password reset by e-mail and other mail to account owners, from {@code curbside.password-reset.*}.
 *
 * @param tokenTtl     how long a mailed reset code works
 * @param mailsPerHour the most mail (reset codes and sign-up notices) one account receives in an hour
 * @param link         where the code goes in the mail: a URL with {@code {token}} (the app's deep link);
 *                     empty to mail the code alone
 */
@ConfigurationProperties("curbside.password-reset")
public record PasswordResetSettings(Duration tokenTtl, int mailsPerHour, @Nullable String link) {

    public PasswordResetSettings {
        if (tokenTtl == null || tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new ConfigurationException("curbside.password-reset.token-ttl must be a positive duration");
        }
        if (mailsPerHour < 1) {
            throw new ConfigurationException("curbside.password-reset.mails-per-hour must be at least 1, not " + mailsPerHour);
        }
        if (link != null && !link.isBlank() && !link.contains("{token}")) {
            throw new ConfigurationException("curbside.password-reset.link must hold {token}, where the code goes");
        }
    }

    /** What the mail carries: the link with the code in it, or the code alone. */
    String carrying(String token) {
        return link == null || link.isBlank() ? token : link.strip().replace("{token}", token);
    }
}
