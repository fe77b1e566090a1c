package io.curbside.api.support;

import io.curbside.api.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of a list starts: an opaque token for the client, the last key of the page
 * before for the server (keyset paging: stable under inserts, no OFFSET scans).
 */
public record PageCursor(String key) {

    private static final String PREFIX = "k1:";

    /** The cursor a client sent; null when absent, 400 when it is not one Curbside made. */
    public static PageCursor parse(String text) {
        return parse(text, "cursor");
    }

    /** The same, for a cursor sent in a parameter of another name (the 400 names it). */
    public static PageCursor parse(String text, String parameter) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX) && decoded.length() > PREFIX.length()) {
                return new PageCursor(decoded.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // not base64: refused below
        }
        throw ProblemException.invalidParameter(parameter, "is not a cursor from an earlier page");
    }

    public static String of(Object lastKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    public long asLong() {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidParameter("cursor", "is not a cursor from an earlier page");
        }
    }
}
