package io.curbside.api.ratelimits;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of an API key, "cs_live_ab12cd34_" followed by 43 base62 characters: a public prefix
 * that finds the key's row, and a secret of 32 random bytes. Base62, so a double click selects
 * the whole key and no tool escapes it; the fixed "cs_live_" start lets secret scanners spot a
 * leaked key.
 *
 * @param prefix the public part ("cs_live_ab12cd34")
 * @param text   the whole key, as the client sends it
 */
record ApiKeyText(String prefix, String text) {

    static final String START = "cs_live_";
    private static final int PREFIX_SYMBOLS = 8;
    private static final int SECRET_BYTES = 32;
    /** 62^43 > 2^256 > 62^42: every 32-byte secret fits in 43 symbols, and needs them. */
    private static final int SECRET_SYMBOLS = 43;
    private static final String PREFIX_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);
    private static final Pattern FORM = Pattern.compile(
            "cs_live_[0-9a-z]{" + PREFIX_SYMBOLS + "}_[0-9A-Za-z]{" + SECRET_SYMBOLS + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new key with a random prefix and secret. */
    static ApiKeyText generate() {
        StringBuilder prefix = new StringBuilder(START);
        for (int i = 0; i < PREFIX_SYMBOLS; i++) {
            prefix.append(PREFIX_ALPHABET.charAt(RANDOM.nextInt(PREFIX_ALPHABET.length())));
        }
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new ApiKeyText(prefix.toString(), prefix + "_" + base62(secret));
    }

    /** The key a client presented, when it has the form of one; anything else is no key of ours. */
    static Optional<ApiKeyText> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        String text = presented.strip();
        if (!FORM.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeyText(text.substring(0, START.length() + PREFIX_SYMBOLS), text));
    }

    /** What is stored of the key, and compared. */
    byte[] sha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether this key is the one whose hash is stored, in constant time. */
    boolean matches(byte[] storedHash) {
        return MessageDigest.isEqual(sha256(), storedHash);
    }

    /** The prefix only: a key must not reach a log by way of a toString. */
    @Override
    public String toString() {
        return prefix + "_…";
    }

    private static String base62(byte[] bytes) {
        BigInteger n = new BigInteger(1, bytes);
        char[] out = new char[SECRET_SYMBOLS];
        for (int i = SECRET_SYMBOLS - 1; i >= 0; i--) {
            BigInteger[] qr = n.divideAndRemainder(SIXTY_TWO);
            out[i] = BASE62.charAt(qr[1].intValue());
            n = qr[0];
        }
        return new String(out);
    }
}
