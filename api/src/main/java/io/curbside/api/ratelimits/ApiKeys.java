package io.curbside.api.ratelimits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.curbside.api.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Issues, lists, revokes and checks the API keys of machine clients. A key checked is remembered
 * for {@link #RECHECK} (a bounded cache), so a busy client costs no query per request: a
 * revocation takes effect at once on the node that made it, and within {@link #RECHECK} on the others.
 */
@Singleton
public class ApiKeys {

    /** How long a node trusts what it read of a key: the longest a revocation made elsewhere waits. */
    public static final Duration RECHECK = Duration.ofSeconds(30);
    /** A key's last use is written at most this often per node: a busy key must not cost a write per request. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final int CACHED_KEYS = 10_000;
    private static final int MAX_NAME = 200;
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

    private final ApiKeyRepository repository;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final Executor background;
    /** By prefix; unknown prefixes too, so a client repeating a wrong key costs no query either. */
    private final Cache<String, Known> known;

    ApiKeys(ApiKeyRepository repository, TransactionOperations<Connection> transactions, Clock clock,
            @Named(TaskExecutors.BLOCKING) Executor background) {
        this.repository = repository;
        this.transactions = transactions;
        this.clock = clock;
        this.background = background;
        this.known = Caffeine.newBuilder()
                .maximumSize(CACHED_KEYS)
                .expireAfterWrite(RECHECK)
                .ticker(new ClockTicker(clock))
                .build();
    }

    /** What this node read of a prefix: the key, or null when there is none. */
    private record Known(@Nullable ApiKeyRepository.Stored stored, AtomicReference<Instant> lastUse) {
    }

    /**
     * Issues a key. The secret in the answer is shown to the client once and never stored.
     *
     * @param name      who the key is for and why (1 to 200 characters)
     * @param perMinute its rate limit in requests a minute, or null for the configured default for keys
     * @param createdBy the administrator issuing it, when known
     */
    public IssuedApiKey issue(String name, @Nullable Integer perMinute, @Nullable String createdBy) {
        String named = name == null ? "" : name.strip();
        if (named.isEmpty() || named.length() > MAX_NAME) {
            throw ProblemException.invalidParameter("name", "must be 1 to " + MAX_NAME + " characters");
        }
        if (perMinute != null && perMinute < 1) {
            throw ProblemException.invalidParameter("per_minute", "must be at least 1, or left out for the default");
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            ApiKeyText text = ApiKeyText.generate();
            Optional<ApiKey> stored = transactions.executeWrite(s -> repository.insert(text.prefix(), text.sha256(),
                    named, perMinute, clock.instant(), createdBy));
            if (stored.isPresent()) {
                known.invalidate(text.prefix());
                return new IssuedApiKey(text.text(), stored.get());
            }
        }
        throw new IllegalStateException("five random API key prefixes in a row were taken");
    }

    /** Every key, revoked ones included, oldest first; never a secret or a hash. */
    public List<ApiKey> list() {
        return transactions.executeRead(s -> repository.list());
    }

    /** Revokes the key: at once on this node, within {@link #RECHECK} on others. Empty when there is no such key. */
    public Optional<ApiKey> revoke(long id) {
        Optional<ApiKey> revoked = transactions.executeWrite(s -> repository.revoke(id, clock.instant()));
        revoked.ifPresent(key -> known.invalidate(key.prefix()));
        return revoked;
    }

    /**
     * The key a client presented, when it is one of ours and not revoked; compared by hash in
     * constant time. May query the database: {@link #verifyFromMemory} never does.
     */
    public Optional<ApiKey> verify(String presented) {
        Optional<ApiKeyText> text = ApiKeyText.parse(presented);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Known entry = known.get(text.get().prefix(), prefix -> new Known(
                transactions.executeRead(s -> repository.findByPrefix(prefix)).orElse(null),
                new AtomicReference<>()));
        return check(text.get(), entry);
    }

    /**
     * As {@link #verify}, when that can be answered without the database (a malformed key, or one
     * read within {@link #RECHECK}); empty when it cannot, and the caller verifies off the event loop.
     */
    Optional<ApiKeyCheck> verifyFromMemory(String presented) {
        Optional<ApiKeyText> text = ApiKeyText.parse(presented);
        if (text.isEmpty()) {
            return Optional.of(ApiKeyCheck.INVALID);
        }
        Known entry = known.getIfPresent(text.get().prefix());
        return entry == null ? Optional.empty()
                : Optional.of(new ApiKeyCheck(check(text.get(), entry).orElse(null)));
    }

    private Optional<ApiKey> check(ApiKeyText text, Known entry) {
        ApiKeyRepository.Stored stored = entry.stored();
        if (stored == null || stored.key().revoked() || !text.matches(stored.secretHash())) {
            return Optional.empty();
        }
        noteUse(stored.key(), entry.lastUse());
        return Optional.of(stored.key());
    }

    /** Writes the key's last use, off the request's thread, when this node has not for a minute. */
    private void noteUse(ApiKey key, AtomicReference<Instant> lastUse) {
        Instant now = clock.instant();
        Instant seen = lastUse.get();
        Instant last = seen != null ? seen : key.lastUsedAt();
        // One request of the many arriving at once wins the exchange and writes; the others go on.
        if (last != null && now.isBefore(last.plus(TOUCH_EVERY)) || !lastUse.compareAndSet(seen, now)) {
            return;
        }
        background.execute(() -> {
            try {
                transactions.executeWrite(s -> {
                    repository.touch(key.id(), now, now.minus(TOUCH_EVERY));
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("Could not record the use of API key {}: {}", key.prefix(), e.toString());
            }
        });
    }
}
