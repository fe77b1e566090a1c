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
     * One public event of a followed request, at its place in the feed. The note is as staff typed
     * it, and the reporter's name is there to scrub it: neither is published before the policy has seen it.
     */
    record Row(FeedPosition position, String trackingNumber, String kind, ServiceRequestStatusCode status, String note,
               Map<String, String> data, Instant at, String serviceCode, String reporterName) {
    }

    /**
     * The first {@code limit} public events after the position, of every request the account
     * follows. One range scan of request_event_feed_idx per followed request, each stopped after
     * {@code limit} entries, merged and cut to {@code limit}: the cost grows with the number of
     * requests followed, never with the size of the event table. The scans read the index alone
     * (index-only: it holds the request, xact and id), and only the page's events are read from
     * the table, with their tracking numbers. Only events of transactions older than every one
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
                SELECT p.xact::text, p.id, r.tracking_number, e.kind, e.status, e.note, e.data::text, e.at,
                       r.service_code, r.contact_name
                FROM page p JOIN request_event e ON e.id = p.id JOIN service_request r ON r.id = e.request_id
                ORDER BY p.xact, p.id""", ps -> {
            ps.setString(1, Long.toString(since.xact()));
            ps.setLong(2, since.id());
            ps.setInt(3, limit);
            ps.setObject(4, account);
            ps.setInt(5, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(new FeedPosition(Long.parseLong(rs.getString(1)), rs.getLong(2)), rs.getString(3),
                            rs.getString(4), ServiceRequestStatusCode.fromValue(rs.getString(5)), rs.getString(6),
                            json.read(rs.getString(7), JsonColumns.CODES), rs.getTimestamp(8).toInstant(),
                            rs.getString(9), rs.getString(10)));
                }
            }
            return rows;
        });
    }

}
