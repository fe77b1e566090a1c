package io.curbside.api.idempotency;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Idempotency-Key for every POST that creates something (IETF httpapi draft): a retry with
 * the same key and the same request gets the first answer and creates nothing; the same key
 * with another request is 422, and so is the same key from another caller; a retry while the first is
 * still running is 409.
 *
 * <p>{@link #once} is the only way in. Checks run before the key is claimed; the work then
 * claims the key and stores its answer in the same transaction that commits what it created, so
 * a key is "done" exactly when the thing exists. A failure before that releases the claim, so a
 * corrected request may reuse the key (validation failures are never stored). A claim is held in
 * the name of the database session that made it: when that session is gone (the node was killed,
 * the database restarted) a retry takes the key over at once; otherwise it lapses with its lease,
 * and a retry meanwhile is told how long that is.
 */
@Singleton
public class Idempotency {

    private static final Argument<Map<String, String>> HEADERS = Argument.mapOf(String.class, String.class);

    private final IdempotencyRepository repository;
    private final TransactionOperations<Connection> transactions;
    private final ObjectMapper json;
    private final Duration lease;
    private final Duration retention;

    public Idempotency(IdempotencyRepository repository, TransactionOperations<Connection> transactions,
                       ObjectMapper json, IdempotencySettings settings) {
        this.repository = repository;
        this.transactions = transactions;
        this.json = json;
        this.lease = settings.lease();
        this.retention = settings.retention();
    }

    /**
     * What a client sent: the route, its key (none: no idempotency), what it asked for, and who
     * asked. An anonymous caller's key must be at least {@value Caller#SHORTEST_ANONYMOUS_KEY}
     * characters: it is all that tells that caller's retry from another client's request.
     */
    public record Request(String scope, String key, byte[] fingerprint, Caller caller) {
        public Request {
            if (key != null && caller.anonymous() && key.length() < Caller.SHORTEST_ANONYMOUS_KEY) {
                throw ProblemException.invalidParameter("Idempotency-Key", "must be at least "
                        + Caller.SHORTEST_ANONYMOUS_KEY + " characters without signing in: a random value such as a UUID");
            }
        }

        public boolean keyed() {
            return key != null;
        }

        /** The key as the database holds it: its SHA-256, so that the key that opens the answer is never stored. */
        String storedKey() {
            return HexFormat.of().formatHex(new Fingerprint().digest(key.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** An answer as stored and replayed. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /**
     * What {@link #once} does for a key once it is claimed: {@code prepare} outside any
     * transaction (slow work: photo files written, a batch's items filed under keys of their own),
     * then {@code commit} in the write transaction that stores the answer too. When the commit
     * fails, {@code undo} removes what prepare made before the key is given back; a prepare that
     * fails cleans up after itself.
     */
    public record Work<P>(Supplier<P> prepare, Function<P, Answer> commit, Consumer<P> undo) {

        /** Work done wholly inside the transaction that stores its answer. */
        public static Work<Void> inTransaction(Supplier<Answer> commit) {
            return new Work<>(() -> null, nothing -> commit.get(), nothing -> { });
        }
    }

    /** What a keyed request came to: its answer, and whether that is an earlier one replayed. */
    public record Outcome(Answer answer, boolean replayed) {

        /**
         * The answer as the route sends it: the JSON bytes stored for replays, as they are, with the
         * stored headers, and saying when it is a replay. {@code T} is the contract's type of those
         * bytes; Micronaut writes a body that is not a {@code T} by its own type, so they are sent
         * untouched instead of being read back into a {@code T} only to be written again.
         */
        @SuppressWarnings("unchecked")
        public <T> MutableHttpResponse<T> response() {
            MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(answer.status()))
                    .contentType(MediaType.APPLICATION_JSON_TYPE).body(answer.body());
            answer.headers().forEach(response::header);
            if (replayed) {
                response.header("Idempotent-Replayed", "true");
            }
            return (MutableHttpResponse<T>) (MutableHttpResponse<?>) response;
        }
    }

    /** The right to do the work for a key, or the earlier answer to replay instead. */
    private record Claim(Request request, UUID owner, Answer replay) {
        static final Claim NONE = new Claim(null, null, null);

        Optional<Answer> earlier() {
            return Optional.ofNullable(replay);
        }
    }

    /** Does the work once per key; see {@link #once(Request, Supplier)}, with nothing to check first. */
    public <P> Outcome once(Request request, Work<P> work) {
        return once(request, () -> work);
    }

    /**
     * Does the work once per key: replays the earlier answer of a finished request with this key;
     * else runs {@code check} (validation, CPU work: a failure there claims nothing and stores
     * nothing), claims the key, and does the work it hands back, giving the key back if that
     * fails, so nothing half-done is ever replayed.
     */
    public <P> Outcome once(Request request, Supplier<Work<P>> check) {
        Optional<Answer> earlier = earlier(request);
        if (earlier.isPresent()) {
            return new Outcome(earlier.get(), true);
        }
        Work<P> work = check.get();
        Claim claim = claim(request);
        if (claim.earlier().isPresent()) {
            return new Outcome(claim.earlier().get(), true);
        }
        try {
            P prepared = work.prepare().get();
            try {
                return new Outcome(transactions.executeWrite(s -> {
                    Answer answer = work.commit().apply(prepared);
                    complete(claim, answer);
                    return answer;
                }), false);
            } catch (RuntimeException e) {
                cleanUp(e, () -> work.undo().accept(prepared));
                throw e;
            }
        } catch (RuntimeException e) {
            cleanUp(e, () -> release(claim));
            throw e;
        }
    }

    /** Cleanup that fails (the database may be what failed) must not hide why the work did. */
    private static void cleanUp(RuntimeException cause, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * The stored answer to this key, when a request with the same fingerprint already finished;
     * throws 422 when the key belongs to another request, 409 while it is still running.
     */
    private Optional<Answer> earlier(Request request) {
        if (!request.keyed()) {
            return Optional.empty();
        }
        Optional<IdempotencyRepository.Row> row = transactions.executeRead(s -> repository.find(request.scope(), request.storedKey()));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        IdempotencyRepository.Row r = row.get();
        if (r.caller() != null && !r.caller().equals(request.caller().stored())) {
            // Checked first, and said alone: another caller learns nothing of the first request or its answer.
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_OTHER_CALLER, "This Idempotency-Key was sent "
                    + "by another caller (or with other credentials). Use a new key for a new request.");
        }
        if (!Arrays.equals(r.fingerprint(), request.fingerprint())) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was already used for "
                    + "a different request. Use a new key for a new request.");
        }
        if (!r.done()) {
            if (r.free()) {
                return Optional.empty();
            }
            throw inUse().retryAfter(r.leftSeconds());
        }
        return Optional.of(new Answer(r.status(), readHeaders(r.headers()),
                SealedAnswer.open(request.key(), request.fingerprint(), r.body())));
    }

    /** Claims the key before the work starts; may instead hand back the answer of a request that just finished. */
    private Claim claim(Request request) {
        if (!request.keyed()) {
            return Claim.NONE;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            UUID owner = UUID.randomUUID();
            if (transactions.executeWrite(s -> repository.claim(request.scope(), request.storedKey(), request.fingerprint(),
                    request.caller().stored(), owner, lease, retention))) {
                return new Claim(request, owner, null);
            }
            Optional<Answer> answer = earlier(request);
            if (answer.isPresent()) {
                return new Claim(request, null, answer.get());
            }
        }
        throw inUse();
    }

    private static ProblemException inUse() {
        return new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE, "A request with this Idempotency-Key is "
                + "still being processed. Try again in a moment.");
    }

    /** Stores the answer; call inside the transaction that commits the work. */
    private void complete(Claim claim, Answer answer) {
        if (claim.owner() == null) {
            return;
        }
        Request r = claim.request();
        if (!repository.complete(r.scope(), r.storedKey(), claim.owner(), answer.status(),
                writeHeaders(answer.headers()), SealedAnswer.seal(r.key(), r.fingerprint(), answer.body()))) {
            // The lease lapsed and another attempt took the key over: let that one win.
            throw inUse();
        }
    }

    /** Gives the key back after a failure, so nothing half-done is ever replayed. */
    private void release(Claim claim) {
        if (claim.owner() != null) {
            Request r = claim.request();
            transactions.executeWrite(s -> {
                repository.release(r.scope(), r.storedKey(), claim.owner());
                return null;
            });
        }
    }

    /** Forgets keys past their retention; any node may run it. */
    public int purgeExpired() {
        return transactions.executeWrite(s -> repository.purgeExpired());
    }

    /**
     * The key as sent: a structured-field string ("...") per the draft, or bare as many clients
     * send it. Printable ASCII only, 1 to 255 characters.
     */
    public static String normalizeKey(String header) {
        if (header == null) {
            return null;
        }
        String key = header.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw ProblemException.invalidParameter("Idempotency-Key", "must be 1 to 255 printable ASCII characters");
        }
        return key;
    }

    private String writeHeaders(Map<String, String> headers) {
        try {
            return json.writeValueAsString(new LinkedHashMap<>(headers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> readHeaders(String stored) {
        try {
            return stored == null ? Map.of() : json.readValue(stored, HEADERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
