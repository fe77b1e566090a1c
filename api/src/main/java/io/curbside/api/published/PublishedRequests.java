package io.curbside.api.published;

import io.curbside.api.opendata.query.SqlFragment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The published requests as the open routes read them: only {@code opendata.published_request}, only
 * through the open-data datasource, whose role reads nothing else. Callers hold the transaction.
 */
@Singleton
public class PublishedRequests {

    /**
     * {@code FROM opendata.published_request WHERE} the live condition {@code AND }: the rows every open read
     * may show, for the open routes that write their own statement on the table (the vector tiles' points).
     */
    public static final String LIVE = PublishedRequestRepository.LIVE;

    private final PublishedRequestRepository repository;

    PublishedRequests(PublishedRequestRepository repository) {
        this.repository = repository;
    }

    /** One page of live rows in {@code orderBy} (received_at, tracking_number, either way). */
    public List<PublishedRow> page(SqlFragment where, String orderBy, int rows) {
        return repository.page(where, orderBy, rows);
    }

    /** How many live rows match, counted no further than {@code bound}. */
    public long countUpTo(SqlFragment where, long bound) {
        return repository.countUpTo(where, bound);
    }

    /** The planner's estimate of the live rows matching. */
    public long estimate(SqlFragment where) {
        return repository.estimate(where);
    }

    public Optional<PublishedRow> find(String trackingNumber) {
        return repository.find(trackingNumber);
    }

    /**
     * Up to {@code rows} changes after the position (changed_xid, tracking_number), tombstones too, in that order,
     * and none that a transaction still running could yet come before.
     */
    public List<PublishedChange> changesAfter(long changedXid, String trackingNumber, int rows) {
        return repository.changesAfter(changedXid, trackingNumber, rows);
    }

    /**
     * Every live row matching, in {@code orderBy}, one at a time through a server-side cursor: memory does not
     * grow with the result. The caller holds a read transaction on the open-data datasource (the cursor lives in
     * it). Says how many rows were handed over.
     */
    public long each(SqlFragment where, String orderBy, Consumer<PublishedRow> each) {
        return repository.each(where, orderBy, each);
    }

    /**
     * Every live row matching, in {@code orderBy}, as {@link PublishedText}'s columns, through a server-side
     * cursor that fetches {@code fetchRows} rows at a time; the caller holds the read transaction, as for
     * {@link #each}. Says how many rows were handed over.
     */
    public long eachText(SqlFragment where, String orderBy, int fetchRows, PublishedText.Reader each) {
        return repository.eachText(where, orderBy, fetchRows, each);
    }

    /** A text that changes whenever any published row changes: the version an export's ETag is made from. */
    public String version() {
        return repository.version();
    }

    // ---- Open311 (open311/) ----------------------------------------------------------------------------------

    /** Live rows {@code offset + 1} to {@code offset + rows} in {@code orderBy}: Open311's numbered pages. */
    public List<PublishedRow> pageAt(SqlFragment where, String orderBy, int rows, long offset) {
        return repository.pageAt(where, orderBy, rows, offset);
    }
}
