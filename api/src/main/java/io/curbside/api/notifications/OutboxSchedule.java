package io.curbside.api.notifications;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the outbox worker on this node ({@code curbside.outbox.enabled}, on by default; every
 * node may run it). A pass that claimed a full batch is followed at once by another, so a burst
 * drains at the senders' pace, not one batch per interval.
 */
@Singleton
@Requires(property = "curbside.outbox.enabled", notEquals = "false")
class OutboxSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSchedule.class);
    private static final int MAX_PASSES = 20;

    private final OutboxWorker worker;
    private final OutboxSettings settings;

    OutboxSchedule(OutboxWorker worker, OutboxSettings settings) {
        this.worker = worker;
        this.settings = settings;
    }

    @Scheduled(fixedDelay = "${curbside.outbox.interval}", initialDelay = "${curbside.outbox.interval}")
    void deliver() {
        try {
            for (int i = 0; i < MAX_PASSES; i++) {
                if (worker.pass().claimed() < settings.batch()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // The database may be down for a while: say so, and try again at the next interval.
            LOG.warn("Outbox pass failed: {}", e.toString());
        }
    }

    @Scheduled(fixedDelay = "30s", initialDelay = "10s")
    void countBacklog() {
        try {
            worker.refreshBacklog();
        } catch (RuntimeException e) {
            LOG.debug("Could not count the outbox backlog: {}", e.toString());
        }
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "10m")
    void purge() {
        try {
            int purged = worker.purge();
            if (purged > 0) {
                LOG.info("Purged {} finished notifications past their retention", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("Outbox purge failed: {}", e.toString());
        }
    }
}
