package io.curbside.api.opendata;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;

/**
 * Releases into the change feed, in one batch, the changes held back because their class publishes
 * dates only: the feed is in commit order, so a sensitive row placed between rows stamped to the
 * minute would tell the minute its dates leave out. Checked every few minutes; it acts once the
 * city's day in which the oldest held row was held is over, so every batch spans at least a day's end.
 */
@Singleton
public class HeldChangesRelease {

    private static final Logger LOG = LoggerFactory.getLogger(HeldChangesRelease.class);

    private final HeldChangeRepository held;
    private final TransactionOperations<Connection> transactions;

    HeldChangesRelease(HeldChangeRepository held, TransactionOperations<Connection> transactions) {
        this.held = held;
        this.transactions = transactions;
    }

    /** The rows released, 0 where none were due, -1 where another node is releasing them. */
    public int release() {
        return transactions.executeWrite(status -> held.releaseAfterTheDay());
    }

    @Scheduled(fixedDelay = "5m", initialDelay = "30s")
    void releaseWhenDue() {
        try {
            int released = release();
            if (released > 0) {
                LOG.info("Released {} held changes of dates-only requests into the change feed", released);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not release the held changes; the next run tries again: {}", e.toString());
        }
    }
}
