package io.curbside.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Logs a database outage as an operator wants to read it: one line per request it failed (no stack
 * trace: a refused connection is no bug), and one line once the database answers again, saying how
 * long it was gone and how many requests it failed.
 */
@Singleton
class DatabaseOutage {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);

    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private Instant since;
    private long failed;

    DatabaseOutage(TransactionOperations<Connection> transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A request answered 503 because the database could not be reached. */
    void failed(HttpRequest<?> request, Throwable cause) {
        synchronized (this) {
            if (since == null) {
                since = clock.instant();
            }
            failed++;
        }
        // The route template, never the path: paths carry tracking numbers and account ids.
        LOG.warn("{} {} answered 503: the database cannot be reached ({})", request.getMethodName(), Problems.route(request),
                reason(cause));
    }

    /** While requests are failing, asks the database every few seconds whether it is back. */
    @Scheduled(fixedDelay = "2s", initialDelay = "2s")
    void checkBack() {
        Instant started;
        synchronized (this) {
            started = since;
        }
        if (started == null || !answers()) {
            return;
        }
        long count;
        synchronized (this) {
            count = failed;
            since = null;
            failed = 0;
        }
        LOG.info("The database answers again, after {} s; {} requests were answered 503 meanwhile",
                Duration.between(started, clock.instant()).toSeconds(), count);
    }

    private boolean answers() {
        try {
            return transactions.executeRead(status -> status.getConnection().isValid(2));
        } catch (RuntimeException stillDown) {
            return false;
        }
    }

    /** The innermost cause, in one line: what an operator needs to tell a refused connection from a full pool. */
    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String state = root instanceof SQLException e && e.getSQLState() != null ? "SQLState " + e.getSQLState() + ": " : "";
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return state + message.lines().findFirst().orElse("").strip();
    }
}
