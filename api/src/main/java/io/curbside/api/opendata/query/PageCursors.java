package io.curbside.api.opendata.query;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link PageCursor} into the opaque token of a next/prev link and back. The token is
 * signed (HMAC-SHA-256, truncated to 128 bits) so that a changed or made-up one is refused with a
 * 400 rather than read: the position it carries is not secret, but what clients may send is only
 * what Curbside handed out, and its format stays Curbside's to change.
 */
public final class PageCursors {

    /** Longer than any token Curbside writes; a longer one is refused before any work. */
    static final int MAX_TOKEN_LENGTH = 200;
    private static final String CONTEXT = "curbside items cursor v1\n";
    private static final int TAG_BYTES = 16;
    private static final Pattern PAYLOAD = Pattern.compile("([AB])(-?\\d{1,12})\\.(\\d{1,9})\\|([A-Z0-9-]{1,40})");
    private static final String PARAMETER = "cursor";

    private final SecretKeySpec key;

    public PageCursors(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the cursor key has at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String seal(PageCursor cursor) {
        String payload = (cursor.direction() == PageCursor.Direction.AFTER ? "A" : "B")
                + cursor.receivedAt().getEpochSecond() + "." + cursor.receivedAt().getNano() + "|" + cursor.trackingNumber();
        if (!PAYLOAD.matcher(payload).matches()) {
            throw new IllegalArgumentException("not a tracking number Curbside writes: " + cursor.trackingNumber());
        }
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(bytes) + "." + base64.encodeToString(tag(bytes));
    }

    /** The cursor a token stands for; a 400 for anything Curbside did not hand out. */
    public PageCursor open(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw refused();
        }
        int dot = token.indexOf('.');
        byte[] payload;
        byte[] tag;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, Math.max(dot, 0)));
            tag = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw refused();
        }
        // The canonical spelling only: base64's spare low bits would otherwise let one cursor have several tokens.
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        if (dot < 0 || !MessageDigest.isEqual(tag(payload), tag)
                || !token.equals(base64.encodeToString(payload) + "." + base64.encodeToString(tag))) {
            throw refused();
        }
        Matcher m = PAYLOAD.matcher(new String(payload, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            throw refused();
        }
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
            return new PageCursor(m.group(1).equals("A") ? PageCursor.Direction.AFTER : PageCursor.Direction.BEFORE,
                    at, m.group(4));
        } catch (DateTimeException | ArithmeticException e) {
            throw refused();
        }
    }

    private byte[] tag(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(CONTEXT.getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static RuntimeException refused() {
        return QueryProblems.parameter(PARAMETER, "is not a cursor this server handed out: follow the next and prev links "
                + "as they are, or start again without a cursor");
    }
}
