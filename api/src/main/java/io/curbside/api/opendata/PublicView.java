package io.curbside.api.opendata;

import java.time.Instant;
import java.util.Optional;

/**
 * A request's public form together with the policy's rule for its events: a staff note and an
 * event's time are published by the same privacy class as the request, and scrubbed of the same
 * reporter's name, which the public form itself no longer holds (and left out once that name is
 * erased, like the description).
 */
public final class PublicView {

    private final PrivateRequest source;
    private final PublicRequest request;
    private final PublicationPolicy policy;

    PublicView(PrivateRequest source, PublicRequest request, PublicationPolicy policy) {
        this.source = source;
        this.request = request;
        this.policy = policy;
    }

    /** The request as the public may see it; for a withheld one, without place or text. */
    public PublicRequest request() {
        return request;
    }

    /** Whether the request is in the published dataset and announced to subscribers (its class is not withheld). */
    public boolean published() {
        return policy.published(source.privacy());
    }

    /**
     * A staff note as the public reads it: scrubbed, or none where the class publishes no text or
     * the reporter erased their account (their name, which the note may hold, is gone).
     */
    public Optional<String> note(String typed) {
        return policy.note(typed, source.privacy(), source.contactName(), source.reporterErased());
    }

    /** An event's time as published: the day only for a class that publishes dates. */
    public Instant time(Instant at) {
        return policy.time(at, source.privacy(), source.cityZone());
    }
}
