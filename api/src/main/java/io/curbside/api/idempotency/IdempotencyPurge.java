package io.curbside.api.idempotency;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forgets idempotency keys past their retention, every {@code curbside.idempotency.purge-interval}, on every node. */
@Singleton
class IdempotencyPurge {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final Idempotency idempotency;

    IdempotencyPurge(Idempotency idempotency) {
        this.idempotency = idempotency;
    }

    @Scheduled(fixedDelay = "${curbside.idempotency.purge-interval}", initialDelay = "1m")
    void purge() {
        int purged = idempotency.purgeExpired();
        if (purged > 0) {
            LOG.info("Forgot {} expired idempotency keys", purged);
        }
    }
}
