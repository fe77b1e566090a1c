package io.curbside.api.notifications;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;

/**
 * How the outbox worker delivers, from the {@code curbside.outbox.*} properties; an impossible
 * value stops the start-up, not a delivery. ({@code enabled} and {@code interval} are read by
 * {@link OutboxSchedule}'s {@code @Requires} and {@code @Scheduled}.)
 *
 * @param batch       rows one pass claims at most
 * @param maxAttempts attempts before a message is given up
 * @param firstRetry  the wait after the first failure, doubled after each further one
 * @param maxRetry    the longest wait between two attempts
 * @param lease       how long a claim keeps other nodes off a row; a node sends nothing it cannot
 *                    finish inside it, so no two nodes send a row at once while leases hold
 * @param retention   how long delivered and given-up rows are kept, for operators to look into
 */
@ConfigurationProperties("curbside.outbox")
record OutboxSettings(int batch, int maxAttempts, Duration firstRetry, Duration maxRetry, Duration lease,
                      Duration retention) {

    OutboxSettings {
        if (batch < 1 || batch > 1000) {
            throw new ConfigurationException("curbside.outbox.batch must be between 1 and 1000, not " + batch);
        }
        if (maxAttempts < 1) {
            throw new ConfigurationException("curbside.outbox.max-attempts must be at least 1, not " + maxAttempts);
        }
        if (firstRetry.isNegative() || maxRetry.compareTo(firstRetry) < 0) {
            throw new ConfigurationException("curbside.outbox.first-retry must be between 0 and curbside.outbox.max-retry");
        }
        if (lease.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new ConfigurationException("curbside.outbox.lease must be at least 5s, not " + lease);
        }
    }
}
