package io.curbside.api.opendata;

import io.curbside.api.store.JsonColumns;
import io.curbside.geo.LatLon;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Named;
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
 * sensitive or a new cell size shows at once. Read on either datasource: the open-data one for a
 * public search, the caller's for intake, which must see what was committed a moment ago (the
 * open-data one may be a replica that lags).
 */
@Singleton
class PublishedNearbyRepository {

    private static final String SQL = """
            WITH p AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS g)
            SELECT tracking_number, service_code, service_name, department, districts::text, status, received_at,
                   updated_at, expected_at, me_too_count, channel, ST_Y(location), ST_X(location), location_precision_m
            FROM opendata.published_request, p
            WHERE withdrawn_at IS NULL AND status <> 'closed' AND service_code = ? AND received_at >= ?
              -- The box in degrees lets the gist index on the geometry pick the candidates; the
              -- distance, on the spheroid (::geography, metres), decides.
              AND location && ST_Expand(p.g, ?)
              AND ST_DWithin(location::geography, p.g::geography, ?)
            ORDER BY ST_Distance(location::geography, p.g::geography), tracking_number
            LIMIT ?""";

    /** Metres per degree of latitude, rounded down so that the box is never too small. */
    private static final double METRES_PER_DEGREE = 110_000;

    private final JdbcOperations primary;
    private final JdbcOperations openData;
    private final JsonColumns json;

    PublishedNearbyRepository(JdbcOperations primary, @Named("opendata") JdbcOperations openData, JsonColumns json) {
        this.primary = primary;
        this.openData = openData;
        this.json = json;
    }

    /** In the caller's transaction on the main datasource. */
    List<PublicRequest> hereNear(String serviceCode, LatLon point, double reachMetres, Instant since, int limit) {
        return near(primary, serviceCode, point, reachMetres, since, limit);
    }

    /** In the caller's transaction on the open-data datasource. */
    List<PublicRequest> publishedNear(String serviceCode, LatLon point, double reachMetres, Instant since, int limit) {
        return near(openData, serviceCode, point, reachMetres, since, limit);
    }

    private List<PublicRequest> near(JdbcOperations jdbc, String serviceCode, LatLon point, double reachMetres,
                                     Instant since, int limit) {
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
        // Only the fields a nearby answer shows are read: the rest of the public form is not needed here.
        return new PublicRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                json.read(rs.getString(5), JsonColumns.CODES), rs.getString(6), null, instant(rs, 7), instant(rs, 8),
                null, instant(rs, 9), null, rs.getInt(10), rs.getString(11), rs.getDouble(12), rs.getDouble(13),
                (Integer) rs.getObject(14), null, List.of(), false);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
