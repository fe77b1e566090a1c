package io.curbside.api.requests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * What an anonymous reporter keeps to see their own request's details: 256 random bits,
 * shown once. Only its SHA-256 is stored, so a copy of the database lets nobody in.
 */
public final class ReceiptToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ReceiptToken() {
    }

    /** A new token, as handed to the reporter (43 URL-safe characters). */
    public static String issue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        return sha256(token.strip());
    }

    /** Whether the token presented is the one whose hash is stored, in constant time. */
    public static boolean matches(String presented, byte[] storedHash) {
        return presented != null && !presented.isBlank() && MessageDigest.isEqual(hash(presented), storedHash);
    }

    /** SHA-256 of a text's UTF-8 bytes: how receipt tokens, and the device ids of me-toos, are stored. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
