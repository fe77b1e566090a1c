package io.curbside.api.changefeed;

import io.curbside.api.published.PublishedChange;
import io.curbside.api.published.PublishedForm;
import io.curbside.api.published.PublishedRequests;
import io.curbside.api.published.PublishedRow;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of the change feed: the changes after a position, each a published request shaped by
 * {@link PublishedForm} as the OGC items route shows it, or a tombstone carrying only its tracking number.
 */
@Singleton
class ChangeFeed {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    private final PublishedRequests published;
    private final PublishedForm form;
    private final TransactionOperations<Connection> transactions;

    ChangeFeed(PublishedRequests published, PublishedForm form,
               @Named("opendata") TransactionOperations<Connection> transactions) {
        this.published = published;
        this.form = form;
        this.transactions = transactions;
    }

    /**
     * The entries after {@code since}, at most {@code limit}; {@code next} is the last one's position, or
     * {@code since} itself when there is none; {@code more} whether more are ready now.
     */
    Page page(FeedPosition since, int limit) {
        List<PublishedChange> changes = new ArrayList<>(transactions.executeRead(status ->
                published.changesAfter(since.changedXid(), since.trackingNumber(), limit + 1)));
        boolean more = changes.size() > limit;
        if (more) {
            changes = changes.subList(0, limit);
        }
        FeedPosition next = changes.isEmpty() ? since : position(changes.get(changes.size() - 1));
        return new Page(changes.stream().map(this::entry).toList(), next, more);
    }

    private Map<String, Object> entry(PublishedChange change) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("tracking_number", change.trackingNumber());
        entry.put("kind", change.withdrawn() ? "withdrawn" : "published");
        if (!change.withdrawn()) {
            entry.put("feature", feature(change.row()));
        }
        return entry;
    }

    /** As the OGC items route writes a feature. */
    private Map<String, Object> feature(PublishedRow row) {
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", "Feature");
        feature.put("id", row.trackingNumber());
        feature.put("geometry", form.geometry(row));
        feature.put("properties", form.properties(row));
        return feature;
    }

    private static FeedPosition position(PublishedChange change) {
        return new FeedPosition(change.changedXid(), change.trackingNumber());
    }

    record Page(List<Map<String, Object>> entries, FeedPosition next, boolean more) {
    }
}
