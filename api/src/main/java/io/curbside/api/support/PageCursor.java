package io.curbside.api.support;

import io.curbside.api.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;

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

    /**
     * The same, for a cursor sent in a parameter of another name (the 400 names it). Only the very
     * text Curbside made is one: no padding, spaces or other spelling of the same bytes.
     */
    public static PageCursor parse(String text, String parameter) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX) && decoded.length() > PREFIX.length() && of(decoded.substring(PREFIX.length()))
                    .equals(text)) {
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
        return exactLong(key).orElseThrow(() ->
                ProblemException.invalidParameter("cursor", "is not a cursor from an earlier page"));
    }

    /** The number the text is written as Curbside writes it ("5", never "+5" or "05"), if it is one. */
    public static OptionalLong exactLong(String text) {
        try {
            long value = Long.parseLong(text);
            return Long.toString(value).equals(text) ? OptionalLong.of(value) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
