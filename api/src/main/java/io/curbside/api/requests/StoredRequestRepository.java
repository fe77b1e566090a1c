package io.curbside.api.requests;

import io.curbside.api.store.JsonColumns;
import io.curbside.contract.model.Channel;
import io.curbside.contract.model.ServiceRequestStatusCode;
import io.curbside.geo.LatLon;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads requests and writes their history (request_event). Callers hold the transaction. */
@Singleton
class StoredRequestRepository {

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    StoredRequestRepository(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<StoredRequest> find(TrackingNumber number) {
        // ST_Y/ST_X of the geometry: latitude and longitude of the geography point, in degrees.
        return jdbc.prepareStatement("""
                SELECT id, tracking_number, service_code, status, ST_Y(location::geometry), ST_X(location::geometry),
                       location_accuracy_m, location_text, description, answers::text, language, channel,
                       receipt_token_hash, department_code, districts::text, received_at, expected_at, closed_at,
                       updated_at, me_too_count, version, contact_name, reporter_account_id, filed_by_account_id,
                       reporter_erased
                FROM service_request WHERE tracking_number = ?""", ps -> {
            ps.setString(1, number.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(request(rs)) : Optional.empty();
            }
        });
    }

    List<RequestEvent> events(long requestId, boolean publicOnly) {
        return jdbc.prepareStatement("""
                SELECT kind, status, public, note, data::text, at FROM request_event
                WHERE request_id = ? AND (public OR NOT ?) ORDER BY id""", ps -> {
            ps.setLong(1, requestId);
            ps.setBoolean(2, publicOnly);
            List<RequestEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new RequestEvent(rs.getString(1), ServiceRequestStatusCode.fromValue(rs.getString(2)),
                            rs.getBoolean(3), rs.getString(4), json.read(rs.getString(5), JsonColumns.CODES), instant(rs, 6)));
                }
            }
            return events;
        });
    }

    /** Appends an event made by a person (staff, admin); null for the reporter or the system. */
    void record(long requestId, RequestEvent event, UUID actor) {
        jdbc.prepareStatement("""
                INSERT INTO request_event (request_id, kind, status, public, note, data, at, actor_id)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)""", ps -> {
            ps.setLong(1, requestId);
            ps.setString(2, event.kind());
            ps.setString(3, event.status().getValue());
            ps.setBoolean(4, event.isPublic());
            ps.setString(5, event.note());
            ps.setString(6, json.write(event.data()));
            ps.setTimestamp(7, Timestamp.from(event.at()));
            ps.setObject(8, actor);
            return ps.executeUpdate();
        });
    }

    private StoredRequest request(ResultSet rs) throws SQLException {
        return new StoredRequest(rs.getLong(1), new TrackingNumber(rs.getString(2)), rs.getString(3),
                ServiceRequestStatusCode.fromValue(rs.getString(4)), new LatLon(rs.getDouble(5), rs.getDouble(6)),
                (Double) rs.getObject(7), rs.getString(8), rs.getString(9), rs.getString(22), json.read(rs.getString(10), JsonColumns.OBJECT),
                rs.getString(11), Channel.fromValue(rs.getString(12)), rs.getBytes(13), rs.getString(14),
                json.read(rs.getString(15), JsonColumns.CODES), instant(rs, 16), instant(rs, 17), instant(rs, 18), instant(rs, 19),
                rs.getInt(20), rs.getLong(21), rs.getObject(23, UUID.class), rs.getObject(24, UUID.class),
                rs.getBoolean(25));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
