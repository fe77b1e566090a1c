package io.curbside.api.changefeed;

import io.curbside.api.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place in the change feed: after the change of this tracking number by the transaction {@code changedXid}.
 * Its token (the {@code since} and {@code next} of the feed) is base64url of a versioned text, opaque to
 * clients and read strictly. It is not signed, unlike the items cursors: a mirror keeps its position
 * for months, across key changes, and any position is a fair place to read from; a made-up one reads the
 * same public rows as any other.
 */
record FeedPosition(long changedXid, String trackingNumber) {

    /** Before every change: where a feed read without {@code since} starts. */
    static final FeedPosition START = new FeedPosition(0, "");
    static final String PARAMETER = "since";
    private static final int MAX_TOKEN_LENGTH = 100;
    private static final String VERSION = "f1";
    // The start is the one position without a tracking number; xids are written without leading zeros.
    private static final Pattern TEXT = Pattern.compile(VERSION + ":(?:(0):|([1-9][0-9]{0,18}):([A-Z0-9-]{1,40}))");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    String token() {
        return ENCODER.encodeToString((VERSION + ":" + changedXid + ":" + trackingNumber).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position a token stands for; a 400 naming {@code since} for anything else. */
    static FeedPosition of(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw refused();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw refused();
        }
        // The canonical spelling only (no padding, no spare low bits), so one position has one token.
        if (!ENCODER.encodeToString(bytes).equals(token)) {
            throw refused();
        }
        Matcher m = TEXT.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        if (!m.matches()) {
            throw refused();
        }
        if (m.group(1) != null) {
            return START;
        }
        try {
            return new FeedPosition(Long.parseLong(m.group(2)), m.group(3));
        } catch (NumberFormatException e) {
            throw refused();
        }
    }

    private static ProblemException refused() {
        return ProblemException.invalidParameter(PARAMETER, "is not a position of the change feed: send the next "
                + "of an answer as it is, or leave since out to start from the beginning");
    }
}
