package io.curbside.api.following;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.support.PageCursor;

/**
 * A place in the updates feed: the transaction that wrote an event, then the event's id. Events
 * are ordered so, not by id alone, because ids are handed out before commit (see V11).
 */
record FeedPosition(long xact, long id) {

    /** Before every event. */
    static final FeedPosition START = new FeedPosition(0, 0);

    FeedPosition {
        if (xact < 0 || id < 0) {
            throw new IllegalArgumentException("a feed position is never negative");
        }
    }

    /** The position a client sent as {@code since}: the start when absent, 400 when it is not one Curbside made. */
    static FeedPosition parse(String since) {
        PageCursor cursor = PageCursor.parse(since, "since");
        if (cursor == null) {
            return START;
        }
        String[] parts = cursor.key().split("\\.", -1);
        try {
            if (parts.length == 2) {
                return new FeedPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            }
        } catch (IllegalArgumentException e) {
            // not two numbers, or negative ones: refused below
        }
        throw ProblemException.invalidParameter("since", "is not a cursor from an earlier answer");
    }

    /** The opaque text a client sends back. */
    String text() {
        return PageCursor.of(xact + "." + id);
    }
}
