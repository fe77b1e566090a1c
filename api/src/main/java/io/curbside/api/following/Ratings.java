package io.curbside.api.following;

import io.curbside.api.idempotency.Caller;
import io.curbside.api.idempotency.Fingerprint;
import io.curbside.api.idempotency.Idempotency;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.requests.ReceiptToken;
import io.curbside.api.requests.TrackingNumber;
import io.curbside.api.support.PlainText;
import io.curbside.contract.model.Rating;
import io.curbside.contract.model.RatingRequest;
import io.curbside.contract.model.Violation;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A reporter's rating of how their request was handled: once, after it is closed, by the
 * reporter alone (receipt token, or the account that reported it). The comment is for the city.
 */
@Singleton
public class Ratings {

    private final RatingRepository repository;
    private final Idempotency idempotency;
    private final ObjectMapper json;
    private final Clock clock;

    Ratings(RatingRepository repository, Idempotency idempotency, ObjectMapper json, Clock clock) {
        this.repository = repository;
        this.idempotency = idempotency;
        this.json = json;
        this.clock = clock;
    }

    /** 201 with the rating; replays a keyed retry's first answer. */
    public Idempotency.Outcome rate(String typedNumber, RatingRequest body, String receiptToken, UUID caller, String idempotencyKey) {
        TrackingNumber number = TrackingNumber.parameter(typedNumber);
        String comment = comment(body.getComment());
        // Who asked is part of the request: the same key sent with other credentials is another request.
        byte[] receipt = receiptToken == null || receiptToken.isBlank() ? new byte[0] : ReceiptToken.hash(receiptToken);
        Fingerprint fingerprint = new Fingerprint().add(bytes(body)).add(caller == null ? "" : caller.toString())
                .add(receipt);
        Caller asker = caller != null ? Caller.account(caller)
                : receipt.length > 0 ? Caller.receipt(receipt) : Caller.ANONYMOUS;
        Idempotency.Request keyed = new Idempotency.Request("POST /v1/requests/" + number + "/rating",
                Idempotency.normalizeKey(idempotencyKey), fingerprint.sha256(), asker);
        return idempotency.once(keyed, Idempotency.Work.inTransaction(() -> {
            RatingRepository.Target target = repository.lock(number)
                    .orElseThrow(() -> ProblemException.notFound("There is no request " + number + "."));
            boolean reporter = ReceiptToken.matches(receiptToken, target.receiptTokenHash())
                    || (caller != null && caller.equals(target.reporter()));
            if (!reporter) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Only the reporter of request " + number
                        + " may rate it: send its Receipt-Token, or sign in with the account that reported it.");
            }
            if (!target.closed()) {
                throw new ProblemException(ProblemType.REQUEST_NOT_CLOSED, "Request " + number + " is not closed "
                        + "yet. You can rate it once it is.");
            }
            // As stored: the database keeps microseconds, so the answer and later views agree.
            Instant rated = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (!repository.insert(target.id(), body.getScore(), comment, target.closedAt(), rated)) {
                throw new ProblemException(ProblemType.ALREADY_RATED, "Request " + number + " was already rated, "
                        + "and a rating cannot be changed.");
            }
            Rating rating = new Rating(number.value(), body.getScore(), rated.atZone(ZoneOffset.UTC));
            rating.setComment(comment);
            return new Idempotency.Answer(201, Map.of(), bytes(rating));
        }));
    }

    /** The rating of a request, for its reporter's own view; call inside a read transaction. */
    public Optional<Rating> of(long requestId, TrackingNumber number) {
        return repository.of(requestId).map(stored -> {
            Rating rating = new Rating(number.value(), stored.score(), stored.ratedAt().atZone(ZoneOffset.UTC));
            rating.setComment(stored.comment());
            return rating;
        });
    }

    /** Whether the request was rated; call inside a read transaction. */
    public boolean rated(long requestId) {
        return repository.of(requestId).isPresent();
    }

    /** The comment as stored: stripped, null when blank; 422 when it is not plain text. */
    private static String comment(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String problem = PlainText.problem(text);
        if (problem != null) {
            throw new ProblemException(ProblemType.INVALID_FIELDS, "The comment " + problem + ".",
                    List.of(new Violation("comment", problem)));
        }
        return text.strip();
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
