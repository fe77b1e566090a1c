package io.curbside.api.notifications;

import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook secrets at rest. Signing needs each secret itself, so it cannot be kept as a hash;
 * where {@code curbside.webhooks.secret-key} is set (32 random bytes, base64), secrets are kept
 * sealed under it (AES-256-GCM), so a copy of the database (a backup, a replica) cannot sign as
 * Curbside. Without it they are kept as they are, protected only as the database is. A secret
 * sealed under a key this node lacks cannot be used: its deliveries fail, and are retried, until
 * the key is configured again.
 */
@Singleton
class SecretSeal {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Binds a sealed value to its use: a sealed secret cannot pass for anything else sealed under the key. */
    private static final byte[] CONTEXT = "curbside webhook secret v1".getBytes(StandardCharsets.US_ASCII);

    private final Optional<SecretKeySpec> key;

    SecretSeal(WebhookSettings settings) {
        this.key = parse(settings.secretKey());
    }

    /** Whether secrets are sealed when stored. */
    boolean seals() {
        return key.isPresent();
    }

    /** The secret as stored: sealed where a key is configured, else as it is. */
    byte[] seal(byte[] secret) {
        if (key.isEmpty()) {
            return secret.clone();
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, secret, 0, secret.length);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    /** The secret itself, from what was stored; empty when it was sealed under a key this node does not have. */
    Optional<byte[]> open(byte[] stored, boolean sealed) {
        if (!sealed) {
            return Optional.of(stored);
        }
        if (key.isEmpty() || stored.length <= NONCE_BYTES) {
            return Optional.empty();
        }
        try {
            return Optional.of(run(Cipher.DECRYPT_MODE, Arrays.copyOf(stored, NONCE_BYTES), stored, NONCE_BYTES,
                    stored.length - NONCE_BYTES));
        } catch (IllegalStateException wrongKey) {
            return Optional.empty();
        }
    }

    private byte[] run(int mode, byte[] nonce, byte[] input, int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key.orElseThrow(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(CONTEXT);
            return cipher.doFinal(input, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a webhook secret could not be sealed or opened", e);
        }
    }

    private static Optional<SecretKeySpec> parse(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("curbside.webhooks.secret-key must be base64");
        }
        if (bytes.length != 32) {
            throw new ConfigurationException("curbside.webhooks.secret-key must be 32 bytes (base64 of 32 random bytes), not "
                    + bytes.length);
        }
        return Optional.of(new SecretKeySpec(bytes, "AES"));
    }
}
