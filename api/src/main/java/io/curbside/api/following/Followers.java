package io.curbside.api.following;

import io.curbside.api.i18n.Messages;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.requests.TrackingNumber;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Which requests an account follows. Reporters and liaisons follow what they filed from the
 * start (a database trigger, V11); "me too" signed in follows too; anyone signed in may follow
 * or stop following any request, up to {@code curbside.following.limit} requests by choice.
 */
@Singleton
public class Followers {

    private final FollowerRepository repository;
    private final TransactionOperations<Connection> transactions;
    private final int limit;

    Followers(FollowerRepository repository, TransactionOperations<Connection> transactions, FollowingSettings settings) {
        this.repository = repository;
        this.transactions = transactions;
        this.limit = settings.limit();
    }

    /** That, why and since when an account follows a request; {@code added} when this call began it. */
    public record Followed(TrackingNumber trackingNumber, String reason, Instant since, boolean added) {
    }

    /** Follows the request (404 when there is none, 409 past the limit); following it already changes nothing. */
    public Followed follow(UUID account, String typedNumber) {
        TrackingNumber number = TrackingNumber.parameter(typedNumber);
        FollowerRepository.Followed followed = transactions.executeWrite(s ->
                repository.follow(id(number), account, "follow", limit)).orElseThrow(() -> new ProblemException(
                        ProblemType.FOLLOW_LIMIT, Messages.problem("problem.follow_limit", Map.of("limit", limit))));
        return new Followed(number, followed.reason(), followed.since(), followed.added());
    }

    /** Stops following it, whatever the reason; not following it is no error (404 when there is no request). */
    public void unfollow(UUID account, String typedNumber) {
        TrackingNumber number = TrackingNumber.parameter(typedNumber);
        transactions.executeWrite(s -> {
            repository.unfollow(id(number), account);
            return null;
        });
    }

    /**
     * A signed-in "me too": the account follows the request, unless it follows as many as it may
     * (the "me too" counts all the same). Call inside the transaction that counts it.
     */
    public void followForMeToo(UUID account, long requestId) {
        repository.follow(requestId, account, "me_too", limit);
    }

    private long id(TrackingNumber number) {
        return repository.requestId(number)
                .orElseThrow(() -> ProblemException.notFound("There is no request " + number + "."));
    }
}
