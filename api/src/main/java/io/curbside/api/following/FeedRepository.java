package io.curbside.api.following;

import io.curbside.api.store.JsonColumns;
import io.curbside.contract.model.ServiceRequestStatusCode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads the public events of the requests an account follows, in feed order. Callers hold the transaction. */
@Singleton
class FeedRepository {

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    FeedRepository(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * One public event of a followed request, at its place in the feed. The note and time are as
     * recorded: neither is published before the request's public view has seen it (opendata.PublicView).
     */
    record Row(FeedPosition position, long requestId, String kind, ServiceRequestStatusCode status, String note,
               Map<String, String> data, Instant at) {
    }

    /**
     * The first {@code limit} public events after the position, of every request the account
     * follows. One range scan of request_event_feed_idx per followed request, each stopped after
     * {@code limit} entries, merged and cut to {@code limit}: the cost grows with the number of
     * requests followed, never with the size of the event table. The scans read the index alone
     * (index-only: it holds the request, xact and id), and only the page's events are read from
     * the table; their requests' public views are read by the caller. Only events of transactions older than every one
     * still running are read (pg_snapshot_xmin), so nothing can later appear before the position
     * handed out. script/bench.d/feed-plan.sql shows the plan on generated data.
     */
    List<Row> after(UUID account, FeedPosition since, int limit) {
        return jdbc.prepareStatement("""
                WITH page AS (
                    SELECT e.xact, e.id
                    FROM request_follower f
                    CROSS JOIN LATERAL (
                        SELECT xact, id FROM request_event
                        WHERE request_id = f.request_id AND public
                          AND (xact, id) > (?::text::xid8, ?)
                          AND xact < pg_snapshot_xmin(pg_current_snapshot())
                        ORDER BY xact, id LIMIT ?) e
                    WHERE f.account_id = ?
                    ORDER BY e.xact, e.id LIMIT ?)
                SELECT p.xact::text, p.id, e.request_id, e.kind, e.status, e.note, e.data::text, e.at
                FROM page p JOIN request_event e ON e.id = p.id
                ORDER BY p.xact, p.id""", ps -> {
            ps.setString(1, Long.toString(since.xact()));
            ps.setLong(2, since.id());
            ps.setInt(3, limit);
            ps.setObject(4, account);
            ps.setInt(5, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(new FeedPosition(Long.parseLong(rs.getString(1)), rs.getLong(2)), rs.getLong(3),
                            rs.getString(4), ServiceRequestStatusCode.fromValue(rs.getString(5)), rs.getString(6),
                            json.read(rs.getString(7), JsonColumns.CODES), rs.getTimestamp(8).toInstant()));
                }
            }
            return rows;
        });
    }

}
