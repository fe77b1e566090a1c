package io.curbside.api.reports;

import io.curbside.api.requests.TrackingNumber;
import io.curbside.api.store.JsonColumns;
import io.curbside.geo.LatLon;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Files requests and finds the exact nearest one for staff. Callers hold the transaction. */
@Singleton
class RequestRepository {

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    RequestRepository(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Where a request goes and when it is due, decided at intake, and the point the public may
     * see (null when its service publishes none).
     */
    record Routing(String department, String district, Map<String, String> districts, Instant receivedAt,
                   Instant expectedAt, Long suspectedDuplicateOf, LatLon publicLocation) {
    }

    /** Inserts the request; empty when the tracking number is already taken (draw another). */
    Optional<Long> insert(ValidReport r, Filer filer, TrackingNumber number, byte[] tokenHash, Routing routing) {
        return jdbc.prepareStatement("""
                INSERT INTO service_request (tracking_number, service_code, location, location_accuracy_m,
                    location_text, description, answers, contact_name, contact_email, contact_phone, language, channel,
                    device_id, receipt_token_hash, department_code, district_code, districts, received_at, expected_at,
                    suspected_duplicate_of, public_location, reporter_account_id, filed_by_account_id, contact_consent)
                VALUES (?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?,
                        ?, ?, ?::jsonb, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?, ?, ?)
                ON CONFLICT (tracking_number) DO NOTHING
                RETURNING id""", ps -> {
            ps.setString(1, number.value());
            ps.setString(2, r.service().code());
            ps.setDouble(3, r.point().lon());
            ps.setDouble(4, r.point().lat());
            ps.setObject(5, r.accuracyMetres());
            ps.setString(6, r.locationText());
            ps.setString(7, r.description());
            ps.setString(8, json.write(r.answers()));
            ps.setString(9, r.contactName());
            ps.setString(10, r.contactEmail());
            ps.setString(11, r.contactPhone());
            ps.setString(12, r.language());
            ps.setString(13, r.channel().getValue());
            ps.setString(14, r.deviceId());
            ps.setBytes(15, tokenHash);
            ps.setString(16, routing.department());
            ps.setString(17, routing.district());
            ps.setString(18, json.write(routing.districts()));
            ps.setTimestamp(19, Timestamp.from(routing.receivedAt()));
            ps.setTimestamp(20, Timestamp.from(routing.expectedAt()));
            ps.setObject(21, routing.suspectedDuplicateOf());
            LatLon published = routing.publicLocation();
            // ST_MakePoint(NULL, NULL) is NULL: no public location.
            ps.setObject(22, published == null ? null : published.lon(), Types.DOUBLE);
            ps.setObject(23, published == null ? null : published.lat(), Types.DOUBLE);
            ps.setObject(24, filer.reporter());
            ps.setObject(25, filer.liaison());
            ps.setObject(26, filer.contactConsent(), Types.BOOLEAN);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        });
    }

    /**
     * The nearest open request of the service within the radius of the exact point (metres, on
     * the geography, never degrees) filed since then: the suspected duplicate, for staff.
     * The partial GiST index on open requests' locations serves it.
     */
    Optional<Long> nearest(String serviceCode, LatLon point, double radiusMetres, Instant since) {
        return jdbc.prepareStatement("""
                WITH p AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS g)
                SELECT r.id FROM service_request r, p
                WHERE r.status <> 'closed' AND r.service_code = ? AND r.received_at >= ?
                  AND ST_DWithin(r.location, p.g, ?)
                ORDER BY ST_Distance(r.location, p.g), r.id
                LIMIT 1""", ps -> {
            ps.setDouble(1, point.lon());
            ps.setDouble(2, point.lat());
            ps.setString(3, serviceCode);
            ps.setTimestamp(4, Timestamp.from(since));
            ps.setDouble(5, radiusMetres);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        });
    }

    /** A request as "me too" sees it. */
    record Target(long id, boolean closed) {
    }

    /** The request, locked until the transaction ends, so that "me too" counts never race. */
    Optional<Target> lock(TrackingNumber number) {
        return jdbc.prepareStatement("SELECT id, status = 'closed' FROM service_request WHERE tracking_number = ? FOR UPDATE",
                ps -> {
                    ps.setString(1, number.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(new Target(rs.getLong(1), rs.getBoolean(2))) : Optional.empty();
                    }
                });
    }

    /** Counts one more "me too"; false when this device was already counted. */
    boolean addMeToo(long requestId, byte[] deviceHash, String channel) {
        int added = jdbc.prepareStatement("""
                INSERT INTO me_too (request_id, device_hash, channel) VALUES (?, ?, ?)
                ON CONFLICT (request_id, device_hash) WHERE device_hash IS NOT NULL DO NOTHING""", ps -> {
            ps.setLong(1, requestId);
            ps.setBytes(2, deviceHash);
            ps.setString(3, channel);
            return ps.executeUpdate();
        });
        if (added == 1) {
            jdbc.prepareStatement("UPDATE service_request SET me_too_count = me_too_count + 1 WHERE id = ?", ps -> {
                ps.setLong(1, requestId);
                return ps.executeUpdate();
            });
        }
        return added == 1;
    }

    int meTooCount(long requestId) {
        return jdbc.prepareStatement("SELECT me_too_count FROM service_request WHERE id = ?", ps -> {
            ps.setLong(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

}
