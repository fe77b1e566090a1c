package io.curbside.api.published;

import io.curbside.api.opendata.query.SqlFragment;
import io.curbside.api.opendata.query.SqlValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL of the published requests as every open route reads them, through the open-data datasource only (its role
 * reads {@code opendata.*} and nothing else). A tombstone ({@code withdrawn_at} set) is never a
 * feature, nor is a request of a dates-only class before its first release (V24, {@code listed}): every
 * statement ANDs {@code withdrawn_at IS NULL AND listed} to the caller's condition.
 */
@Singleton
class PublishedRequestRepository {

    /** The columns {@link #row} reads: other repositories of this package select them too. */
    static final String COLUMNS = """
            tracking_number, service_code, service_name, department, districts::text AS districts, status,
            status_detail, received_at, updated_at, closed_at, expected_at, on_time, me_too_count, channel,
            ST_X(location) AS lon, ST_Y(location) AS lat, location_precision_m, description,
            photo_urls::text AS photo_urls, address""";
    static final String LIVE = "FROM opendata.published_request WHERE withdrawn_at IS NULL AND listed AND ";
    /** Rows the driver fetches at once from a cursor: about 1 MB of rows, and a round trip per thousand. */
    static final int FETCH_ROWS = 1000;
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*([0-9.eE+]+)");

    private final JdbcOperations jdbc;

    PublishedRequestRepository(@Named("opendata") JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The rows of one page, {@code orderBy} being the query layer's (received_at, tracking_number, either
     * way). In two steps: the page's keys, which V23's index answers in key order without reading the
     * table when the condition names only what it includes (a bbox, a datetime, the property filters),
     * then the page's rows alone by primary key. In one step, every row scanned to find a bbox's first
     * 1,000 was read from the table: 110 ms against 34 ms for a dense neighbourhood of 5 M requests.
     */
    List<PublishedRow> page(SqlFragment where, String orderBy, int rows) {
        List<SqlValue> values = new ArrayList<>(where.values());
        values.add(new SqlValue.WholeNumber(rows));
        return jdbc.prepareStatement(pageSql(where, orderBy), ps -> {
            bind(ps, values);
            List<PublishedRow> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(row(rs));
                }
            }
            return found;
        });
    }

    /** The statement of {@link #page}, its last placeholder the number of rows (script/bench opendata runs it too). */
    static String pageSql(SqlFragment where, String orderBy) {
        // In parentheses: the caller's condition may be an OR, which must not escape the live condition.
        return "SELECT " + COLUMNS + " FROM opendata.published_request WHERE tracking_number IN (SELECT tracking_number "
                + LIVE + "(" + where.sql() + ") ORDER BY " + orderBy + " LIMIT ?) ORDER BY " + orderBy;
    }

    /** How many live rows match, counted no further than {@code bound} (so a count never reads ten million rows). */
    long countUpTo(SqlFragment where, long bound) {
        List<SqlValue> values = new ArrayList<>(where.values());
        values.add(new SqlValue.WholeNumber(bound));
        return jdbc.prepareStatement("SELECT count(*) FROM (SELECT 1 " + LIVE + "(" + where.sql() + ") LIMIT ?) AS matched",
                ps -> {
                    bind(ps, values);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }

    /** The planner's estimate of the live rows matching: what numberMatched says past the counting bound. */
    long estimate(SqlFragment where) {
        return jdbc.prepareStatement("EXPLAIN (FORMAT JSON) SELECT 1 " + LIVE + "(" + where.sql() + ")", ps -> {
            bind(ps, where.values());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Matcher m = PLAN_ROWS.matcher(rs.getString(1));
                return m.find() ? (long) Double.parseDouble(m.group(1)) : 0L;
            }
        });
    }

    Optional<PublishedRow> find(String trackingNumber) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " " + LIVE + "tracking_number = ?", ps -> {
            ps.setString(1, trackingNumber);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.<PublishedRow>empty();
            }
        });
    }

    /**
     * The change feed's rows after a position, tombstones too, in (changed_xid, tracking_number) order, and only
     * below the horizon: the oldest transaction still running when this statement's snapshot was taken. Every
     * transaction below it has finished, so no row can later appear before a position read here, whenever
     * its transaction began or committed. Held rows ({@code held_on}, V21) wait for their release.
     */
    List<PublishedChange> changesAfter(long changedXid, String trackingNumber, int rows) {
        // The horizon is an InitPlan: read once, in the same snapshot as the rows; the index
        // (changed_xid, tracking_number COLLATE "C") WHERE held_on IS NULL answers the rest in key order.
        // Not "AS changed_xid": ORDER BY would take the output column, and sort the ids as text.
        return jdbc.prepareStatement("SELECT " + COLUMNS + ", changed_xid::text AS feed_xid, "
                + "withdrawn_at IS NOT NULL AS withdrawn FROM opendata.published_request WHERE held_on IS NULL "
                + "AND changed_xid < (SELECT pg_snapshot_xmin(pg_current_snapshot())) "
                + "AND (changed_xid, tracking_number COLLATE \"C\") > (?::xid8, ? COLLATE \"C\") "
                + "ORDER BY changed_xid, tracking_number COLLATE \"C\" LIMIT ?", ps -> {
            ps.setString(1, Long.toString(changedXid));
            ps.setString(2, trackingNumber);
            ps.setInt(3, rows);
            List<PublishedChange> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new PublishedChange(Long.parseLong(rs.getString("feed_xid")),
                            rs.getString("tracking_number"), rs.getBoolean("withdrawn") ? null : row(rs)));
                }
            }
            return found;
        });
    }

    /**
     * Every live row matching, in {@code orderBy}, handed to {@code each} one at a time. The caller's transaction
     * (autocommit off) lets the driver read through a server-side cursor {@value #FETCH_ROWS} rows at a time, so
     * memory holds one batch whatever the result; with autocommit on it would read the whole result first.
     */
    long each(SqlFragment where, String orderBy, Consumer<PublishedRow> each) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " " + LIVE + "(" + where.sql() + ") ORDER BY " + orderBy, ps -> {
            ps.setFetchSize(FETCH_ROWS);
            bind(ps, where.values());
            long rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(row(rs));
                    rows++;
                }
            }
            return rows;
        });
    }

    /**
     * Every live row matching, in {@code orderBy}, as {@link PublishedText}'s columns (each field as the
     * database's text), the result set handed to {@code each} on each row; through a server-side cursor as
     * {@link #each}, {@code fetchRows} rows at a time. An IOException of {@code each} comes out unchecked.
     */
    long eachText(SqlFragment where, String orderBy, int fetchRows, PublishedText.Reader each) {
        return jdbc.prepareStatement("SELECT " + PublishedText.COLUMNS + " " + LIVE + "(" + where.sql() + ") ORDER BY "
                + orderBy, ps -> {
            ps.setFetchSize(fetchRows);
            bind(ps, where.values());
            long rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[][] fields = new byte[PublishedText.LATITUDE][];
                    for (int i = 0; i < fields.length; i++) {
                        fields[i] = rs.getBytes(i + 1);
                    }
                    each.row(fields);
                    rows++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return rows;
        });
    }

    /**
     * A text that changes whenever a published row does: the newest writing transaction's id, and, while a
     * transaction older than it is still running (it may yet commit a row with a smaller id, which the newest
     * id would not show), the oldest running one too. Listed rows are never deleted (withdrawal is an update), so
     * no change goes unseen. Rows not yet listed (V24) are left out: they are in no body, and a new sensitive
     * request turning the tag at the minute it was filed would tell that minute. Two index reads.
     */
    String version() {
        return jdbc.prepareStatement("""
                SELECT coalesce(max(changed_xid)::text, '0'), pg_snapshot_xmin(pg_current_snapshot())::text,
                       coalesce(max(changed_xid) >= pg_snapshot_xmin(pg_current_snapshot()), false)
                FROM opendata.published_request WHERE listed""", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(3) ? rs.getString(1) + "." + rs.getString(2) : rs.getString(1);
            }
        });
    }

    private static void bind(PreparedStatement ps, List<SqlValue> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 1, values.get(i).jdbcValue());
        }
    }

    static PublishedRow row(ResultSet rs) throws SQLException {
        Double lon = (Double) rs.getObject("lon");
        Double lat = (Double) rs.getObject("lat");
        return new PublishedRow(rs.getString("tracking_number"), rs.getString("service_code"),
                rs.getString("service_name"), rs.getString("department"), rs.getString("districts"),
                rs.getString("status"), rs.getString("status_detail"), instant(rs, "received_at"),
                instant(rs, "updated_at"), instant(rs, "closed_at"), instant(rs, "expected_at"),
                (Boolean) rs.getObject("on_time"), (Integer) rs.getObject("me_too_count"), rs.getString("channel"), lon, lat,
                (Integer) rs.getObject("location_precision_m"), rs.getString("description"),
                rs.getString("photo_urls"), rs.getString("address"));
    }

    @Nullable
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    // ---- Open311 (open311/) ----------------------------------------------------------------------------------
    // Kept in one block, apart from the page SQL above, so that changes to either merge cleanly.

    /**
     * The live rows {@code offset + 1} to {@code offset + rows} matching, in {@code orderBy}: the numbered pages
     * of Open311's paging extension. In two steps as {@link #page}: the page's keys, then its rows by key.
     */
    List<PublishedRow> pageAt(SqlFragment where, String orderBy, int rows, long offset) {
        List<SqlValue> values = new ArrayList<>(where.values());
        values.add(new SqlValue.WholeNumber(rows));
        values.add(new SqlValue.WholeNumber(offset));
        String sql = "SELECT " + COLUMNS + " FROM opendata.published_request WHERE tracking_number IN (SELECT tracking_number "
                + LIVE + "(" + where.sql() + ") ORDER BY " + orderBy + " LIMIT ? OFFSET ?) ORDER BY " + orderBy;
        return jdbc.prepareStatement(sql, ps -> {
            bind(ps, values);
            List<PublishedRow> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(row(rs));
                }
            }
            return found;
        });
    }
}
