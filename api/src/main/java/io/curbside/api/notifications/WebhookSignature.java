package io.curbside.api.notifications;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signatures as the Standard Webhooks specification defines them (standardwebhooks.com), so
 * receivers can check them with its libraries: the secret is shown as {@code whsec_<base64>},
 * and {@code webhook-signature} is {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}.
 */
final class WebhookSignature {

    static final String SECRET_PREFIX = "whsec_";
    /** 32 bytes: the HMAC-SHA256 block's worth of entropy, within the 24 to 64 bytes the spec asks for. */
    static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The secret as shown to the subscriber, once. */
    static String show(byte[] secret) {
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(secret);
    }

    /** The {@code webhook-signature} header of one attempt. */
    static String sign(byte[] secret, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
