package io.curbside.api.accounts;

import io.curbside.api.i18n.Messages;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A growing wait between failed sign-ins with one e-mail address, whichever client addresses
 * and nodes the attempts come from: the per-address rate limit alone lets a thousand addresses
 * guess one account a thousand times as fast. It is a wait, never a lock: once it has passed the
 * owner signs in as before, and the cap keeps what a stranger can cost them short. A waiting
 * attempt is refused at once (429 with Retry-After), before its password is looked at, so
 * guessing during the wait learns nothing and costs no hashing. Addresses without an account
 * count and wait the same, so the answers say nothing of which addresses have one.
 *
 * <p>An attempt is counted before its password is checked, in one locked step, so a burst of
 * attempts sent at once gets one turn, not one each; a right password then forgets the run.
 * Password checks of a signed-in person ({@link Reauthentication}) count in the same run.
 *
 * <p>What it cannot stop: a stranger who sends one wrong password each time a wait ends keeps
 * the wait going (at most {@link SignInBackoffSettings#maxDelay()} between the owner's tries). A
 * password reset, which proves the inbox, ends the run at once, and the mail telling the owner of
 * a long run says so.
 */
@Singleton
class SignInBackoff {

    private static final Logger LOG = LoggerFactory.getLogger(SignInBackoff.class);

    private final SignInFailureRepository runs;
    private final SignInBackoffSettings settings;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    SignInBackoff(SignInFailureRepository runs, SignInBackoffSettings settings,
                  TransactionOperations<Connection> transactions, Clock clock) {
        this.runs = runs;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** An attempt with an address: its key, its place in the run, and how long it must wait first (zero: none). */
    record Turn(byte[] key, int failures, Duration delay) {
    }

    /** Counts an attempt with the address (lower-cased already) and lets it go on, or refuses it with 429 while it must wait. */
    Turn take(String address) {
        byte[] key = keyOf(address);
        Instant now = now();
        Turn turn = transactions.executeWrite(s -> {
            SignInFailureRepository.Run run = runs.lock(key, now);
            if (run.nextAllowedAt().isAfter(now)) {
                return new Turn(key, run.failures(), Duration.between(now, run.nextAllowedAt()));
            }
            // A run whose last wait ended a quiet while ago is over: this attempt starts a new one.
            boolean over = !run.nextAllowedAt().plus(settings.quiet()).isAfter(now);
            int failures = over ? 1 : run.failures() + 1;
            runs.count(key, failures, now, now.plus(settings.delayAfter(failures)));
            return new Turn(key, failures, Duration.ZERO);
        });
        if (!turn.delay().isZero()) {
            throw waitFor(turn.delay());
        }
        return turn;
    }

    /** The password was right: the run is forgotten, wait and all. */
    void succeeded(Turn turn) {
        transactions.executeWrite(s -> {
            runs.forget(turn.key());
            return null;
        });
    }

    /**
     * The owner proved the inbox (a password reset): the address's run is over, wait and all, so
     * a stranger who keeps the wait going cannot keep the owner out past a reset. Call inside the
     * reset's transaction.
     */
    void forget(String address) {
        runs.forget(keyOf(address));
    }

    private static byte[] keyOf(String address) {
        return AccountService.hash("sign-in:" + address);
    }

    /**
     * The password was wrong (or the address has no account): true once a period, when the run
     * is long enough that its owner should be told; call in the transaction that tells them.
     */
    boolean failed(Turn turn) {
        return turn.failures() >= settings.tellOwnerAfter() && transactions.executeWrite(s ->
                runs.markOwnerTold(turn.key(), settings.tellOwnerAfter(), now(), settings.tellOwnerEvery()));
    }

    /** Hourly, on every node (a second node's purge finds nothing): runs long over, owners told long ago. */
    @Scheduled(fixedDelay = "1h", initialDelay = "10m")
    void purge() {
        Instant now = now();
        try {
            int purged = transactions.executeWrite(s -> runs.purge(now.minus(settings.quiet()),
                    now.minus(settings.tellOwnerEvery())));
            LOG.debug("Purged {} finished runs of failed sign-ins", purged);
        } catch (RuntimeException e) {
            LOG.warn("Purging failed sign-ins failed: {}", e.toString());
        }
    }

    /** In the database's precision: the driver rounds nanoseconds, which could put a stored wait past now. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException waitFor(Duration wait) {
        // Rounded up: a client that waits this long is let in.
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new ProblemException(ProblemType.RATE_LIMITED, Messages.problem("problem.sign_in.wait",
                Map.of("seconds", seconds))).retryAfter((int) seconds);
    }
}
