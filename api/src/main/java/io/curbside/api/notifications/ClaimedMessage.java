package io.curbside.api.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row a worker has claimed and is to deliver now.
 *
 * @param attempts this attempt's number, 1 for the first
 * @param payload  the JSON as stored: an e-mail's subject and text (a webhook's body is built when sent)
 * @param url      the webhook target (webhook rows)
 * @param secret   the subscription's signing key as stored (webhook rows)
 * @param secretSealed whether {@code secret} is sealed ({@link SecretSeal})
 * @param recipient the address (e-mail rows)
 * @param requestId the request the event is of (webhook rows), whose public form the body is built from
 * @param event     the event as recorded (webhook rows): its note as staff typed it, its time to the instant
 */
record ClaimedMessage(long id, UUID messageId, String channel, int attempts, String payload,
                      Long subscriptionId, String url, byte[] secret, boolean secretSealed,
                      String recipient, Long requestId, Event event) {

    /** A public event of a request, before the publication policy has seen it. */
    record Event(String kind, String status, String note, Instant at) {
    }

    static final String WEBHOOK = "webhook";
    static final String EMAIL = "email";

    @Override
    public String toString() {
        return "ClaimedMessage[id=" + id + ", channel=" + channel + ", attempts=" + attempts + "]";
    }
}
