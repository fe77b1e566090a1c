package io.curbside.api.published;

import io.micronaut.core.annotation.Nullable;

/**
 * One change of the published dataset, at its place in the change feed: the request as it is now
 * published, or, where {@code row} is null, its tombstone (it is no longer public).
 *
 * @param changedXid the writing transaction's id (xid8), the first half of the feed's order
 */
public record PublishedChange(long changedXid, String trackingNumber, @Nullable PublishedRow row) {

    public boolean withdrawn() {
        return row == null;
    }
}
