package io.curbside.api.notifications;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * Webhook targets, timeouts and the key secrets are sealed under, from the
 * {@code curbside.webhooks.*} properties.
 *
 * @param allowHttp           accept {@code http://} targets (development, tests); otherwise https only
 * @param allowPrivateTargets accept targets on loopback, private or link-local addresses, which
 *                            are refused by default so a subscription cannot reach inside the city's network
 * @param connectTimeout      longest wait for a connection to a receiver
 * @param requestTimeout      longest wait for a receiver's answer
 * @param secretKey           base64 of the 32-byte key of {@link SecretSeal}; empty: secrets are stored as they are
 */
@ConfigurationProperties("curbside.webhooks")
record WebhookSettings(boolean allowHttp, boolean allowPrivateTargets, Duration connectTimeout,
                       Duration requestTimeout, @Nullable String secretKey) {

    WebhookSettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new ConfigurationException("curbside.webhooks timeouts must be positive");
        }
    }

    @Override
    public String toString() {
        return "WebhookSettings[allowHttp=" + allowHttp + ", allowPrivateTargets=" + allowPrivateTargets
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", secretKey=" + (secretKey == null || secretKey.isBlank() ? "none" : "***") + "]";
    }
}
