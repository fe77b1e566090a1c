package io.curbside.api.accounts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * Codes that prove an e-mail address, from {@code curbside.email-verification.*}.
 *
 * @param ttl  how long a mailed verification code works
 * @param link where the code goes in the mail: a URL with {@code {token}} (the app's deep link);
 *             empty to mail the code alone
 */
@ConfigurationProperties("curbside.email-verification")
public record EmailVerificationSettings(Duration ttl, @Nullable String link) {

    public EmailVerificationSettings {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new ConfigurationException("curbside.email-verification.ttl must be a positive duration");
        }
        if (link != null && !link.isBlank() && !link.contains("{token}")) {
            throw new ConfigurationException("curbside.email-verification.link must hold {token}, where the code goes");
        }
    }

    /** What the mail carries: the link with the code in it, or the code alone. */
    String carrying(String token) {
        return link == null || link.isBlank() ? token : link.strip().replace("{token}", token);
    }
}
