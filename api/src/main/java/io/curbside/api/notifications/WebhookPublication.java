package io.curbside.api.notifications;

import io.curbside.api.opendata.PublicAnswers;
import io.curbside.api.opendata.PublicRequests;
import io.curbside.api.opendata.PublicView;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Optional;

/**
 * What a subscriber may receive of a queued request event: its body, built when it is sent from
 * the request's one public form ({@link PublicAnswers#webhook}), so SQL keeps no second copy of
 * what the public may see and a policy change counts from then on. Nothing for a withheld request.
 */
@Singleton
class WebhookPublication {

    private final PublicRequests publicRequests;
    private final PublicAnswers answers;
    private final TransactionOperations<Connection> transactions;

    WebhookPublication(PublicRequests publicRequests, PublicAnswers answers,
                       TransactionOperations<Connection> transactions) {
        this.publicRequests = publicRequests;
        this.answers = answers;
        this.transactions = transactions;
    }

    /** The body to send, or empty when subscribers are not to hear of this event at all. */
    Optional<String> body(ClaimedMessage message) {
        ClaimedMessage.Event event = message.event();
        if (event == null || message.requestId() == null) {
            return Optional.empty();
        }
        return transactions.executeRead(s -> publicRequests.view(message.requestId()))
                .filter(PublicView::published)
                .map(view -> answers.webhook(view, event.kind(), event.status(), event.at(), event.note()));
    }
}
