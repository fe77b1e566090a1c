package io.curbside.api.opendata;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.List;

/**
 * Rebuilds the published dataset from the private one: after the policy changed (the cell size),
 * on a database from before the dataset existed (at start-up, when nothing is published but
 * requests exist), and from {@code script/republish}. Idempotent: a row that would not change is
 * not written, so a republish adds nothing to the change feed. Also sweeps up every few seconds
 * what a hand edit in SQL left unpublished.
 */
@Singleton
public class Republisher {

    private static final Logger LOG = LoggerFactory.getLogger(Republisher.class);

    private final Publisher publisher;
    private final PublicationRepository repository;
    private final TransactionOperations<Connection> transactions;

    Republisher(Publisher publisher, PublicationRepository repository, TransactionOperations<Connection> transactions) {
        this.publisher = publisher;
        this.repository = repository;
        this.transactions = transactions;
    }

    /** Re-projects every request, a batch per transaction (so a city's archive never holds one long transaction). */
    public long republishAll() {
        long count = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Long> ids = transactions.executeWrite(s -> {
                List<Long> batch = repository.requestsAfter(from, Publisher.BATCH);
                publisher.publish(batch);
                return batch;
            });
            if (ids.isEmpty()) {
                return count;
            }
            count += ids.size();
            after = ids.get(ids.size() - 1);
        }
    }

    /** Once, just after start-up (not holding it up): a database that has requests but no published ones. */
    @Scheduled(initialDelay = "1s")
    void republishWhenEmpty() {
        try {
            if (transactions.executeRead(s -> repository.neverPublished())) {
                LOG.info("Requests exist but none is published: publishing them all");
                LOG.info("Published {} requests", republishAll());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not publish the existing requests; script/republish does it: {}", e.toString());
        }
    }

    /** What a change outside the application (SQL by hand) left unpublished. */
    @Scheduled(fixedDelay = "10s", initialDelay = "10s")
    void sweep() {
        try {
            int swept = transactions.executeWrite(s -> publisher.publishLeftOvers());
            if (swept > 0) {
                LOG.info("Published {} requests changed outside Curbside", swept);
            }
        } catch (RuntimeException e) {
            LOG.debug("Could not sweep unpublished requests: {}", e.toString());
        }
    }
}
