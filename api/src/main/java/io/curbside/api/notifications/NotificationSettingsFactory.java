package io.curbside.api.notifications;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Reads the notification settings once, so an impossible value stops the start-up, not a delivery. */
@Factory
class NotificationSettingsFactory {

    @Singleton
    OutboxSettings outbox(@Value("${curbside.outbox.batch:50}") int batch,
                          @Value("${curbside.outbox.max-attempts:20}") int maxAttempts,
                          @Value("${curbside.outbox.first-retry:30s}") Duration firstRetry,
                          @Value("${curbside.outbox.max-retry:1h}") Duration maxRetry,
                          @Value("${curbside.outbox.lease:2m}") Duration lease,
                          @Value("${curbside.outbox.retention:168h}") Duration retention) {
        return new OutboxSettings(batch, maxAttempts, firstRetry, maxRetry, lease, retention);
    }

    @Singleton
    WebhookSettings webhooks(@Value("${curbside.webhooks.allow-http:false}") boolean allowHttp,
                             @Value("${curbside.webhooks.allow-private-targets:false}") boolean allowPrivate,
                             @Value("${curbside.webhooks.connect-timeout:5s}") Duration connectTimeout,
                             @Value("${curbside.webhooks.request-timeout:10s}") Duration requestTimeout) {
        return new WebhookSettings(allowHttp, allowPrivate, connectTimeout, requestTimeout);
    }

    @Singleton
    EmailSettings email(@Value("${curbside.email.enabled:false}") boolean enabled,
                        @Value("${curbside.email.smtp.host:}") String host,
                        @Value("${curbside.email.smtp.port:587}") int port,
                        @Value("${curbside.email.smtp.username:}") String username,
                        @Value("${curbside.email.smtp.password:}") String password,
                        @Value("${curbside.email.from:}") String from,
                        @Value("${curbside.email.smtp.starttls:true}") boolean starttls,
                        @Value("${curbside.email.smtp.timeout:10s}") Duration timeout) {
        return new EmailSettings(enabled, host, port, username, password, from, starttls, timeout);
    }
}
