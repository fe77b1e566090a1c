package io.curbside.api.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 over the parts of a request as understood, each length-prefixed so no two splits collide. */
public final class Fingerprint {

    private final MessageDigest digest;

    public Fingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public Fingerprint add(String part) {
        return add(part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8));
    }

    public Fingerprint add(byte[] part) {
        digest.update(ByteBuffer.allocate(8).putLong(part.length).array());
        digest.update(part);
        return this;
    }

    public byte[] sha256() {
        return digest.digest();
    }

    /** The plain SHA-256 of one value, without the length prefix. */
    byte[] digest(byte[] value) {
        return digest.digest(value);
    }
}
