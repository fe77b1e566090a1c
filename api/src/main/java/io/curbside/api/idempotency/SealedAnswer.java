package io.curbside.api.idempotency;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A stored answer encrypted (AES-256-GCM) under a key derived from the client's Idempotency-Key
 * and the request's fingerprint. The database keeps only the key's hash, so a copy of it (a
 * backup, a replica) cannot read what an answer carries, such as an anonymous reporter's receipt
 * token; only the client that holds the key can have it replayed.
 */
final class SealedAnswer {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private SealedAnswer() {
    }

    static byte[] seal(String idempotencyKey, byte[] fingerprint, byte[] answer) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, idempotencyKey, fingerprint, nonce, answer, 0, answer.length);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    static byte[] open(String idempotencyKey, byte[] fingerprint, byte[] stored) {
        if (stored == null || stored.length < NONCE_BYTES) {
            throw new IllegalStateException("a stored idempotent answer is truncated");
        }
        byte[] nonce = Arrays.copyOf(stored, NONCE_BYTES);
        return run(Cipher.DECRYPT_MODE, idempotencyKey, fingerprint, nonce, stored, NONCE_BYTES,
                stored.length - NONCE_BYTES);
    }

    private static byte[] run(int mode, String idempotencyKey, byte[] fingerprint, byte[] nonce, byte[] input,
                              int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(derive(idempotencyKey, fingerprint), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            return cipher.doFinal(input, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored idempotent answer could not be " +
                    (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened"), e);
        }
    }

    /** HMAC-SHA256 keyed by the client's key over the fingerprint: 32 bytes, an AES-256 key. */
    private static byte[] derive(String idempotencyKey, byte[] fingerprint) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(("curbside idempotency " + idempotencyKey).getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        return mac.doFinal(fingerprint);
    }
}
