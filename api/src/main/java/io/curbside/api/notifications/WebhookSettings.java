package io.curbside.api.notifications;

import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;

/**
 * Webhook targets and timeouts, from the {@code curbside.webhooks.*} properties.
 *
 * @param allowHttp           accept {@code http://} targets (development, tests); otherwise https only
 * @param allowPrivateTargets accept targets on loopback, private or link-local addresses, which
 *                            are refused by default so a subscription cannot reach inside the city's network
 * @param connectTimeout      longest wait for a connection to a receiver
 * @param requestTimeout      longest wait for a receiver's answer
 */
record WebhookSettings(boolean allowHttp, boolean allowPrivateTargets, Duration connectTimeout,
                       Duration requestTimeout) {

    WebhookSettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new ConfigurationException("curbside.webhooks timeouts must be positive");
        }
    }
}
