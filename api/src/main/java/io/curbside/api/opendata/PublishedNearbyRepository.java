package io.curbside.api.opendata;

import io.curbside.api.store.JsonColumns;
import io.curbside.geo.LatLon;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Open published requests of a service around a point, by their published point: the one that
 * {@link Publisher} re-projects in the same transaction as a policy change, so a service made
 * sensitive or a new cell size shows at once. Which requests are open and recent is asked of the
 * private row, which a change reaches first (a hand edit in SQL is published only by the next
 * sweep); everything shown, the point first, is the published row's. So it runs on the main
 * datasource, in the caller's transaction, never the open-data one, which may also lag as a replica.
 */
@Singleton
class PublishedNearbyRepository {

    private static final String SQL = """
            WITH p AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS g)
            SELECT o.tracking_number, o.service_code, o.service_name, o.department, o.districts::text, o.status,
                   o.status_detail, o.received_at, o.updated_at, o.closed_at, o.expected_at, o.on_time,
                   o.me_too_count, o.channel, ST_Y(o.location), ST_X(o.location), o.location_precision_m,
                   o.description, o.photo_urls::text
            FROM opendata.published_request o JOIN service_request r ON r.tracking_number = o.tracking_number, p
            WHERE o.withdrawn_at IS NULL AND o.listed AND r.status <> 'closed' AND r.service_code = ? AND r.received_at >= ?
              -- The box in degrees lets the gist index on the published geometry pick the candidates;
              -- the distance, on the spheroid (::geography, metres), decides.
              AND o.location && ST_Expand(p.g, ?)
              AND ST_DWithin(o.location::geography, p.g::geography, ?)
            ORDER BY ST_Distance(o.location::geography, p.g::geography), o.tracking_number
            LIMIT ?""";

    private static final Argument<List<String>> PHOTO_URLS = Argument.listOf(String.class);

    /** Metres per degree of latitude, rounded down so that the box is never too small. */
    private static final double METRES_PER_DEGREE = 110_000;

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    PublishedNearbyRepository(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<PublicRequest> near(String serviceCode, LatLon point, double reachMetres, Instant since, int limit) {
        // A degree of longitude shrinks with the latitude: the box widens with it (up to near the poles).
        double degrees = reachMetres / (METRES_PER_DEGREE * Math.max(0.05, Math.cos(Math.toRadians(point.lat()))));
        return jdbc.prepareStatement(SQL, ps -> {
            ps.setDouble(1, point.lon());
            ps.setDouble(2, point.lat());
            ps.setString(3, serviceCode);
            ps.setTimestamp(4, Timestamp.from(since));
            ps.setDouble(5, degrees);
            ps.setDouble(6, reachMetres);
            ps.setInt(7, limit);
            List<PublicRequest> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(row(rs));
                }
            }
            return found;
        });
    }

    private PublicRequest row(ResultSet rs) throws SQLException {
        // A live row always has a point here (the query measures it). Listed classes publish times,
        // not dates: the row does not store its class, and no class that publishes dates is listed.
        return new PublicRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                json.read(rs.getString(5), JsonColumns.CODES), rs.getString(6), rs.getString(7), instant(rs, 8),
                instant(rs, 9), instant(rs, 10), instant(rs, 11), (Boolean) rs.getObject(12), (Integer) rs.getObject(13),
                rs.getString(14), rs.getDouble(15), rs.getDouble(16), (Integer) rs.getObject(17), rs.getString(18),
                json.read(rs.getString(19), PHOTO_URLS), false);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
