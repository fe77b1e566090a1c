package io.curbside.api.following;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.support.PageCursor;

import java.util.OptionalLong;

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
            OptionalLong xact = parts.length == 2 ? PageCursor.exactLong(parts[0]) : OptionalLong.empty();
            OptionalLong id = parts.length == 2 ? PageCursor.exactLong(parts[1]) : OptionalLong.empty();
            if (xact.isPresent() && id.isPresent()) {
                return new FeedPosition(xact.getAsLong(), id.getAsLong());
            }
        } catch (IllegalArgumentException e) {
            // negative numbers: refused below
        }
        throw ProblemException.invalidParameter("since", "is not a cursor from an earlier answer");
    }

    /** The opaque text a client sends back. */
    String text() {
        return PageCursor.of(xact + "." + id);
    }
}
