package io.curbside.api.notifications;

import java.util.UUID;

/**
 * An outbox row a worker has claimed and is to deliver now.
 *
 * @param attempts this attempt's number, 1 for the first
 * @param payload  the JSON as stored: the webhook body, or an e-mail's subject and text
 * @param url      the webhook target (webhook rows)
 * @param secret   the subscription's signing key as stored (webhook rows)
 * @param secretSealed whether {@code secret} is sealed ({@link SecretSeal})
 * @param recipient the address (e-mail rows)
 */
record ClaimedMessage(long id, UUID messageId, String channel, int attempts, String payload,
                      Long subscriptionId, String url, byte[] secret, boolean secretSealed,
                      String recipient) {

    static final String WEBHOOK = "webhook";
    static final String EMAIL = "email";

    @Override
    public String toString() {
        return "ClaimedMessage[id=" + id + ", channel=" + channel + ", attempts=" + attempts + "]";
    }
}
