package io.curbside.api.opendata.query;

import java.time.Instant;

/**
 * Where a page of items starts: just after (or, going back, just before) the row with this
 * {@code received_at} and tracking number, the items' sort key. Keyset paging: a page deep in the
 * walk costs what the first does, and rows filed meanwhile neither shift nor repeat the pages.
 */
public record PageCursor(Direction direction, Instant receivedAt, String trackingNumber) {

    public enum Direction {
        /** The rows after the key, in order: the "next" link. */
        AFTER,
        /** The rows before the key, read backwards and then turned round: the "prev" link. */
        BEFORE
    }

    public PageCursor {
        if (direction == null || receivedAt == null || trackingNumber == null || trackingNumber.isEmpty()) {
            throw new IllegalArgumentException("a cursor needs a direction, a time and a tracking number");
        }
    }
}
