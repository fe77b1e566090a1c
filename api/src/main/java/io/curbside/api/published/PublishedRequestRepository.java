package io.curbside.api.published;

import io.curbside.api.opendata.query.SqlFragment;
import io.curbside.api.opendata.query.SqlValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL of the published requests as every open route reads them, through the open-data datasource only (its role
 * reads {@code opendata.*} and nothing else). A tombstone ({@code withdrawn_at} set) is never a
 * feature: every statement ANDs {@code withdrawn_at IS NULL} to the caller's condition.
 */
@Singleton
class PublishedRequestRepository {

    /** The columns {@link #row} reads: other repositories of this package select them too. */
    static final String COLUMNS = """
            tracking_number, service_code, service_name, department, districts::text AS districts, status,
            status_detail, received_at, updated_at, closed_at, expected_at, on_time, me_too_count, channel,
            ST_X(location) AS lon, ST_Y(location) AS lat, location_precision_m, description,
            photo_urls::text AS photo_urls, address""";
    static final String LIVE = "FROM opendata.published_request WHERE withdrawn_at IS NULL AND ";
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
                (Boolean) rs.getObject("on_time"), rs.getInt("me_too_count"), rs.getString("channel"), lon, lat,
                (Integer) rs.getObject("location_precision_m"), rs.getString("description"),
                rs.getString("photo_urls"), rs.getString("address"));
    }

    @Nullable
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
