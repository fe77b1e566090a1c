package io.curbside.api.notifications;

import java.util.UUID;

/**
 * An outbox row a worker has claimed and is to deliver now.
 *
 * @param attempts this attempt's number, 1 for the first
 * @param payload  the JSON as stored: the webhook body before the publication policy, or an e-mail's subject and text
 * @param url      the webhook target (webhook rows)
 * @param secret   the subscription's signing key as stored (webhook rows)
 * @param secretSealed whether {@code secret} is sealed ({@link SecretSeal})
 * @param recipient the address (e-mail rows)
 * @param serviceCode the service of the request the event is of (webhook rows), for the publication policy
 * @param reporterName the name the reporter gave (webhook rows), to scrub from the note
 */
record ClaimedMessage(long id, UUID messageId, String channel, int attempts, String payload,
                      Long subscriptionId, String url, byte[] secret, boolean secretSealed,
                      String recipient, String serviceCode, String reporterName) {

    static final String WEBHOOK = "webhook";
    static final String EMAIL = "email";

    @Override
    public String toString() {
        return "ClaimedMessage[id=" + id + ", channel=" + channel + ", attempts=" + attempts + "]";
    }
}
