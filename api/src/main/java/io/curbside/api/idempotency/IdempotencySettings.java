package io.curbside.api.idempotency;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;

/**
 * How long Idempotency-Keys are held, from the {@code curbside.idempotency.*} properties.
 * ({@code purge-interval} is read by {@link IdempotencyPurge}'s {@code @Scheduled}.)
 *
 * @param lease     how long a request in progress holds its key: a retry meanwhile is 409, and a
 *                  key whose node died is free again after this long
 * @param retention how long a key and its answer are kept; at least a day
 */
@ConfigurationProperties("curbside.idempotency")
public record IdempotencySettings(Duration lease, Duration retention) {

    private static final Duration MINIMUM_RETENTION = Duration.ofHours(24);

    public IdempotencySettings {
        if (retention.compareTo(MINIMUM_RETENTION) < 0) {
            // A phone may retry the next morning; forgetting its key sooner would file the report twice.
            throw new ConfigurationException("curbside.idempotency.retention must be at least 24h, not " + retention);
        }
    }
}
