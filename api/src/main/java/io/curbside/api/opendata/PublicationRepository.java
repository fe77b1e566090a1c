package io.curbside.api.opendata;

import io.curbside.api.store.JsonColumns;
import io.curbside.contract.model.PrivacyClass;
import io.curbside.geo.LatLon;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The published dataset's SQL, in one place: what is due, the private rows the projector reads,
 * and the upserts and tombstones of {@code opendata.published_request}. Callers hold the transaction.
 */
@Singleton
class PublicationRepository {

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    PublicationRepository(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Requests this transaction changed and has not published yet. */
    List<Long> dueHere(int limit) {
        return ids("SELECT request_id FROM publication_due WHERE xid = pg_current_xact_id() ORDER BY request_id LIMIT ?", limit);
    }

    /**
     * Requests other transactions changed without publishing (a hand edit in SQL), after an id,
     * unlocked: {@link #lock} claims them.
     */
    List<Long> leftOverAfter(long after, int limit) {
        return jdbc.prepareStatement("""
                SELECT request_id FROM publication_due WHERE xid <> pg_current_xact_id() AND request_id > ?
                ORDER BY request_id LIMIT ?""", ps -> {
            ps.setLong(1, after);
            ps.setInt(2, limit);
            return longs(ps);
        });
    }

    /**
     * Every request, a batch after an id, locked for a republish. Every change to a request locks
     * its row first and queues it after (V16's triggers; the catalog locks a service's requests
     * before changing it), so a batch that holds its rows reads what is committed last, and no
     * change can come between its read and its write. Locked in id order, as every caller does.
     */
    List<Long> requestsAfter(long after, int limit) {
        return jdbc.prepareStatement("SELECT id FROM service_request WHERE id > ? ORDER BY id LIMIT ? FOR UPDATE", ps -> {
            ps.setLong(1, after);
            ps.setInt(2, limit);
            return longs(ps);
        });
    }

    /**
     * Locks these requests in id order, skipping those another transaction holds: that one is
     * changing them, and publishes them itself (or leaves them due for the next sweep).
     */
    List<Long> lock(List<Long> ids) {
        return jdbc.prepareStatement("SELECT id FROM service_request WHERE id = ANY (?) ORDER BY id FOR UPDATE SKIP LOCKED",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray()));
                    return longs(ps);
                });
    }

    /** Whether requests exist but none is published: a database from before the published dataset. */
    boolean neverPublished() {
        return jdbc.prepareStatement("""
                SELECT EXISTS (SELECT FROM service_request) AND NOT EXISTS (SELECT FROM opendata.published_request)""", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    void done(List<Long> ids) {
        jdbc.prepareStatement("DELETE FROM publication_due WHERE request_id = ANY (?)", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray()));
            return ps.executeUpdate();
        });
    }

    List<PrivateRequest> read(List<Long> ids) {
        // The service's name in the catalog's default language, English, else any it has.
        return jdbc.prepareStatement("""
                SELECT r.id, r.tracking_number, r.service_code, coalesce(s.name ->> 'en', (SELECT min(v) FROM jsonb_each_text(s.name) n(k, v))),
                       s.privacy_class, r.department_code, r.districts::text, r.status, r.close_reason, r.received_at,
                       r.updated_at, r.closed_at, r.expected_at, r.me_too_count, r.channel,
                       ST_Y(r.location::geometry), ST_X(r.location::geometry), r.description, r.contact_name,
                       r.reporter_erased,
                       ARRAY(SELECT p.id FROM request_photo p WHERE p.request_id = r.id AND p.public ORDER BY p.position),
                       (SELECT timezone FROM business_calendar),
                       ST_Y(r.public_location::geometry), ST_X(r.public_location::geometry)
                FROM service_request r JOIN service s ON s.code = r.service_code
                WHERE r.id = ANY (?) ORDER BY r.id""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray()));
            List<PrivateRequest> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(privateRequest(rs));
                }
            }
            return rows;
        });
    }

    private PrivateRequest privateRequest(ResultSet rs) throws SQLException {
        String zone = rs.getString(22);
        Array photos = rs.getArray(21);
        double publicLat = rs.getDouble(23);
        LatLon storedPublic = rs.wasNull() ? null : new LatLon(publicLat, rs.getDouble(24));
        return new PrivateRequest(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                PrivacyClass.fromValue(rs.getString(5)), rs.getString(6), json.read(rs.getString(7), JsonColumns.CODES),
                rs.getString(8), rs.getString(9), instant(rs, 10), instant(rs, 11), instant(rs, 12), instant(rs, 13),
                rs.getInt(14), rs.getString(15), new LatLon(rs.getDouble(16), rs.getDouble(17)), rs.getString(18),
                rs.getString(19), rs.getBoolean(20), Arrays.asList((String[]) photos.getArray()),
                zone == null ? ZoneOffset.UTC : ZoneId.of(zone), storedPublic);
    }

    /**
     * Writes each request's public form. A row that would not change is left alone, so a
     * republish is no change for the feed; a withdrawn one comes back.
     */
    void upsert(List<PublicRequest> rows) {
        jdbc.prepareStatement("""
                INSERT INTO opendata.published_request AS p (tracking_number, service_code, service_name, department,
                    districts, district_codes, status, status_detail, received_at, updated_at, closed_at, expected_at, on_time,
                    me_too_count, channel, location, location_precision_m, description, photo_urls, withdrawn_at,
                    changed_at, held_on, listed, changed_xid)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326), ?, ?, ?::jsonb, NULL,
                        -- A class that publishes dates stamps its change with the city's day: the
                        -- minute a row changed would give back the hour its times leave out.
                        CASE WHEN ? THEN date_trunc('day', now() AT TIME ZONE coalesce((SELECT timezone FROM business_calendar), 'UTC'))
                            AT TIME ZONE coalesce((SELECT timezone FROM business_calendar), 'UTC') ELSE now() END,
                        -- For the same reason its place in the change feed is held until the day ends (V21).
                        CASE WHEN ? THEN (now() AT TIME ZONE coalesce((SELECT timezone FROM business_calendar), 'UTC'))::date END,
                        -- and a new one is not listed anywhere until then (V24): its first appearance would tell the minute.
                        NOT ?, pg_current_xact_id())
                ON CONFLICT (tracking_number) DO UPDATE SET service_code = EXCLUDED.service_code,
                    service_name = EXCLUDED.service_name, department = EXCLUDED.department, districts = EXCLUDED.districts,
                    district_codes = EXCLUDED.district_codes, status = EXCLUDED.status,
                    status_detail = EXCLUDED.status_detail, received_at = EXCLUDED.received_at,
                    -- The time of this public change (its day, for a class that publishes dates), never the private
                    -- row's updated_at, which a claim or an erasure moved without a public change.
                    updated_at = EXCLUDED.changed_at, closed_at = EXCLUDED.closed_at, expected_at = EXCLUDED.expected_at,
                    on_time = EXCLUDED.on_time, me_too_count = EXCLUDED.me_too_count, channel = EXCLUDED.channel,
                    location = EXCLUDED.location, location_precision_m = EXCLUDED.location_precision_m,
                    description = EXCLUDED.description, photo_urls = EXCLUDED.photo_urls, withdrawn_at = NULL,
                    changed_xid = pg_current_xact_id(), changed_at = EXCLUDED.changed_at,
                    -- Held since the first day it waits: the release then comes after that day's end.
                    held_on = CASE WHEN EXCLUDED.held_on IS NOT NULL THEN coalesce(p.held_on, EXCLUDED.held_on) END,
                    listed = p.listed OR EXCLUDED.listed
                -- updated_at is left out: the private row's moves on changes nobody may see (a claim by
                -- its reporter, an erasure, a staff-only note), and several requests changing at once would
                -- tell that one person filed them, and when they signed in. It moves with public content only.
                WHERE (p.service_code, p.service_name, p.department, p.districts, p.district_codes, p.status,
                       p.status_detail, p.received_at, p.closed_at, p.expected_at, p.on_time, p.me_too_count,
                       p.channel, p.location, p.location_precision_m, p.description, p.photo_urls, p.withdrawn_at)
                   IS DISTINCT FROM
                      (EXCLUDED.service_code, EXCLUDED.service_name, EXCLUDED.department, EXCLUDED.districts,
                       EXCLUDED.district_codes, EXCLUDED.status, EXCLUDED.status_detail, EXCLUDED.received_at,
                       EXCLUDED.closed_at, EXCLUDED.expected_at, EXCLUDED.on_time,
                       EXCLUDED.me_too_count, EXCLUDED.channel, EXCLUDED.location, EXCLUDED.location_precision_m,
                       EXCLUDED.description, EXCLUDED.photo_urls, EXCLUDED.withdrawn_at)""", ps -> {
            for (PublicRequest r : rows) {
                int i = 0;
                ps.setString(++i, r.trackingNumber());
                ps.setString(++i, r.serviceCode());
                ps.setString(++i, r.serviceName());
                ps.setString(++i, r.department());
                ps.setString(++i, json.write(r.districts()));
                ps.setArray(++i, ps.getConnection().createArrayOf("text", r.districtCodes().toArray()));
                ps.setString(++i, r.status());
                ps.setString(++i, r.statusDetail());
                timestamp(ps, ++i, r.receivedAt());
                timestamp(ps, ++i, r.updatedAt());
                timestamp(ps, ++i, r.closedAt());
                timestamp(ps, ++i, r.expectedAt());
                ps.setObject(++i, r.onTime(), Types.BOOLEAN);
                ps.setObject(++i, r.meTooCount(), Types.INTEGER);
                ps.setString(++i, r.channel());
                // ST_MakePoint(NULL, NULL) is NULL: a withheld place stores no point.
                ps.setObject(++i, r.longitude(), Types.DOUBLE);
                ps.setObject(++i, r.latitude(), Types.DOUBLE);
                ps.setObject(++i, r.precisionMetres(), Types.INTEGER);
                ps.setString(++i, r.description());
                ps.setString(++i, json.write(r.photoUrls()));
                ps.setBoolean(++i, r.datesOnly());
                ps.setBoolean(++i, r.datesOnly());
                ps.setBoolean(++i, r.datesOnly());
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /**
     * Takes requests out of the published dataset, leaving a tombstone where one was listed. A tombstone
     * is never held from the change feed: mirrors should delete at once, and its minute is the city's
     * decision to withhold a service, not anything a reporter did.
     */
    void withdraw(List<String> trackingNumbers) {
        // One never listed (V24) was never public: it goes without a tombstone, which would tell that it existed.
        jdbc.prepareStatement("""
                DELETE FROM opendata.published_request
                WHERE tracking_number = ANY (?) AND withdrawn_at IS NULL AND NOT listed""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", trackingNumbers.toArray()));
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("""
                UPDATE opendata.published_request SET service_code = NULL, service_name = NULL, department = NULL,
                    districts = NULL, district_codes = NULL, status = NULL, status_detail = NULL, received_at = NULL,
                    updated_at = NULL, closed_at = NULL, expected_at = NULL, on_time = NULL, me_too_count = NULL,
                    channel = NULL, location = NULL, location_precision_m = NULL, description = NULL, photo_urls = NULL,
                    address = NULL, withdrawn_at = now(), changed_xid = pg_current_xact_id(), changed_at = now(),
                    held_on = NULL
                WHERE tracking_number = ANY (?) AND withdrawn_at IS NULL""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", trackingNumbers.toArray()));
            return ps.executeUpdate();
        });
    }

    /**
     * Brings the generalized point kept with the private row onto the current policy, so that the private
     * table never keeps a point finer than the policy now allows. Returns the ids whose point moved:
     * that update changed their updated_at.
     */
    List<Long> movePublicPoints(Map<Long, LatLon> points) {
        return jdbc.prepareStatement("""
                UPDATE service_request SET public_location = ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326)::geography
                WHERE id = ? AND ST_AsEWKB(public_location::geometry)
                    IS DISTINCT FROM ST_AsEWKB(ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326))""", ps -> {
            // In id order, the order every transaction locks requests in.
            List<Long> ids = points.keySet().stream().sorted().toList();
            for (Long id : ids) {
                LatLon p = points.get(id);
                Double lon = p == null ? null : p.lon();
                Double lat = p == null ? null : p.lat();
                ps.setObject(1, lon, Types.DOUBLE);
                ps.setObject(2, lat, Types.DOUBLE);
                ps.setLong(3, id);
                ps.setObject(4, lon, Types.DOUBLE);
                ps.setObject(5, lat, Types.DOUBLE);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            List<Long> moved = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    moved.add(ids.get(i));
                }
            }
            return moved;
        });
    }

    private List<Long> ids(String sql, int limit) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setInt(1, limit);
            return longs(ps);
        });
    }

    private static List<Long> longs(PreparedStatement ps) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static void timestamp(PreparedStatement ps, int index, Instant at) throws SQLException {
        ps.setTimestamp(index, at == null ? null : Timestamp.from(at));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
