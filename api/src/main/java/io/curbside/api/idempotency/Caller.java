package io.curbside.api.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Who sent an Idempotency-Key: its stored answer is replayed to that caller only, never to another
 * that happens to send the same key. Without an account the key itself is the only proof, so an
 * anonymous caller's key must be hard to guess.
 */
public record Caller(String identity) {

    public static final Caller ANONYMOUS = new Caller("anonymous");

    /** A UUID has 36; anything much shorter is a counter or a word that another client could send as well. */
    static final int SHORTEST_ANONYMOUS_KEY = 16;

    public static Caller account(UUID account) {
        return new Caller("account:" + account);
    }

    public static Caller liaison(UUID liaison) {
        return new Caller("liaison:" + liaison);
    }

    /** A reporter known by the receipt token they were issued, given as its stored hash. */
    public static Caller receipt(byte[] tokenHash) {
        return new Caller("receipt:" + HexFormat.of().formatHex(tokenHash));
    }

    boolean anonymous() {
        return equals(ANONYMOUS);
    }

    /** As the database holds it: a SHA-256, so the record names no account. */
    String stored() {
        return HexFormat.of().formatHex(new Fingerprint().digest(identity.getBytes(StandardCharsets.UTF_8)));
    }
}
