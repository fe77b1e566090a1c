package io.curbside.api.workflow;

import io.curbside.api.store.JsonColumns;
import io.curbside.contract.model.ServiceRequestStatusCode;
import io.curbside.geo.Bbox;
import io.curbside.geo.LatLon;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The staff's reads and writes of requests: work lists, the full record, and lifecycle changes. Callers hold the transaction. */
@Singleton
class StaffRepository {

    private static final String SUMMARY = """
            r.id, r.tracking_number, r.service_code, r.status, r.department_code, r.district_code, r.received_at,
            r.expected_at, r.closed_at, ST_Y(r.location::geometry), ST_X(r.location::geometry), r.location_accuracy_m,
            r.location_text, r.me_too_count, r.version""";

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    StaffRepository(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What a work list shows of a request. */
    record Summary(long id, String trackingNumber, String serviceCode, ServiceRequestStatusCode status,
                   String department, String district, Instant receivedAt, Instant expectedAt, Instant closedAt,
                   LatLon location, Double accuracyMetres, String locationText, int meToo, long version) {
    }

    /** The whole record, private fields included. */
    record Detail(Summary summary, String description, Map<String, Object> answers, String language, String channel,
                  String contactName, String contactEmail, String contactPhone, Boolean contactConsent, UUID filedBy,
                  String closeReason, String responsibleParty, String duplicateOf, String suspectedDuplicateOf,
                  Long duplicateOfId, boolean reporterErased) {
    }

    /** One history entry with who made it. */
    record Entry(long id, String kind, ServiceRequestStatusCode status, boolean isPublic, String note,
                 Map<String, String> data, UUID actor, String actorName, Instant at) {
    }

    /** A work list's filters; null means "any" (departments: null only for admins, else the caller's own). */
    public record Filter(List<String> departments, List<String> statuses, String service, String district,
                  Instant receivedFrom, Instant receivedTo, Boolean overdue, Bbox bbox) {
    }

    List<Summary> list(Filter f, Long beforeId, int limit, Instant now) {
        // Newest first by id (ids grow with time); the keyset cursor is the last id of a page.
        // ::geometry for the box: a plain lon/lat rectangle, as a map shows it.
        String sql = "SELECT " + SUMMARY + """
                 FROM service_request r
                WHERE (?::text[] IS NULL OR r.department_code = ANY (?::text[]))
                  AND (?::text[] IS NULL OR r.status = ANY (?::text[]))
                  AND (?::text IS NULL OR r.service_code = ?)
                  AND (?::text IS NULL OR r.district_code = ?)
                  AND (?::timestamptz IS NULL OR r.received_at >= ?)
                  AND (?::timestamptz IS NULL OR r.received_at < ?)
                  AND (?::boolean IS NULL OR (r.status <> 'closed' AND r.expected_at < ?) = ?)
                  AND (?::float8 IS NULL OR ST_Intersects(r.location::geometry, ST_MakeEnvelope(?, ?, ?, ?, 4326)))
                  AND (?::bigint IS NULL OR r.id < ?)
                ORDER BY r.id DESC LIMIT ?""";
        return jdbc.prepareStatement(sql, ps -> {
            int i = 0;
            Array departments = f.departments() == null ? null
                    : ps.getConnection().createArrayOf("text", f.departments().toArray());
            ps.setArray(++i, departments);
            ps.setArray(++i, departments);
            Array statuses = f.statuses() == null ? null : ps.getConnection().createArrayOf("text", f.statuses().toArray());
            ps.setArray(++i, statuses);
            ps.setArray(++i, statuses);
            ps.setString(++i, f.service());
            ps.setString(++i, f.service());
            ps.setString(++i, f.district());
            ps.setString(++i, f.district());
            Timestamp from = f.receivedFrom() == null ? null : Timestamp.from(f.receivedFrom());
            ps.setTimestamp(++i, from);
            ps.setTimestamp(++i, from);
            Timestamp to = f.receivedTo() == null ? null : Timestamp.from(f.receivedTo());
            ps.setTimestamp(++i, to);
            ps.setTimestamp(++i, to);
            ps.setObject(++i, f.overdue(), Types.BOOLEAN);
            ps.setTimestamp(++i, Timestamp.from(now));
            ps.setObject(++i, f.overdue(), Types.BOOLEAN);
            Bbox b = f.bbox();
            ps.setObject(++i, b == null ? null : b.minLon(), Types.DOUBLE);
            ps.setObject(++i, b == null ? null : b.minLon(), Types.DOUBLE);
            ps.setObject(++i, b == null ? null : b.minLat(), Types.DOUBLE);
            ps.setObject(++i, b == null ? null : b.maxLon(), Types.DOUBLE);
            ps.setObject(++i, b == null ? null : b.maxLat(), Types.DOUBLE);
            ps.setObject(++i, beforeId, Types.BIGINT);
            ps.setObject(++i, beforeId, Types.BIGINT);
            ps.setInt(++i, limit);
            List<Summary> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(summary(rs));
                }
            }
            return rows;
        });
    }

    /** The record; with {@code lock}, the row stays locked until the transaction ends (for a change). */
    Optional<Detail> detail(String trackingNumber, boolean lock) {
        String sql = "SELECT " + SUMMARY + """
                , r.description, r.answers::text, r.language, r.channel, r.contact_name, r.contact_email,
                  r.contact_phone, r.contact_consent, r.filed_by_account_id, r.close_reason, r.responsible_party,
                  (SELECT d.tracking_number FROM service_request d WHERE d.id = r.duplicate_of),
                  (SELECT d.tracking_number FROM service_request d WHERE d.id = r.suspected_duplicate_of),
                  r.duplicate_of, r.reporter_erased
                FROM service_request r WHERE r.tracking_number = ?""" + (lock ? " FOR UPDATE OF r" : "");
        return jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, trackingNumber);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Detail(summary(rs), rs.getString(16), json.read(rs.getString(17), JsonColumns.OBJECT),
                        rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21), rs.getString(22),
                        (Boolean) rs.getObject(23), rs.getObject(24, UUID.class), rs.getString(25), rs.getString(26),
                        rs.getString(27), rs.getString(28), (Long) rs.getObject(29), rs.getBoolean(30)));
            }
        });
    }

    List<Entry> history(long requestId) {
        return jdbc.prepareStatement("""
                SELECT e.id, e.kind, e.status, e.public, e.note, e.data::text, e.actor_id,
                       coalesce(a.display_name, a.email), e.at
                FROM request_event e LEFT JOIN account a ON a.id = e.actor_id
                WHERE e.request_id = ? ORDER BY e.id""", ps -> {
            ps.setLong(1, requestId);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getLong(1), rs.getString(2),
                            ServiceRequestStatusCode.fromValue(rs.getString(3)), rs.getBoolean(4), rs.getString(5),
                            json.read(rs.getString(6), JsonColumns.CODES), rs.getObject(7, UUID.class), rs.getString(8),
                            rs.getTimestamp(9).toInstant()));
                }
            }
            return entries;
        });
    }

    /** Sets the lifecycle columns of a locked request; closing fields are null unless it closes. */
    void setStatus(long id, ServiceRequestStatusCode status, Instant closedAt, String closeReason, Long duplicateOf,
                   String responsibleParty) {
        jdbc.prepareStatement("""
                UPDATE service_request SET status = ?, closed_at = ?, close_reason = ?, duplicate_of = ?,
                       responsible_party = ?
                WHERE id = ?""", ps -> {
            ps.setString(1, status.getValue());
            ps.setTimestamp(2, closedAt == null ? null : Timestamp.from(closedAt));
            ps.setString(3, closeReason);
            ps.setObject(4, duplicateOf, Types.BIGINT);
            ps.setString(5, responsibleParty);
            ps.setLong(6, id);
            return ps.executeUpdate();
        });
    }

    /** Locks the requests in id order, so two changes touching the same two requests cannot deadlock. */
    void lockInOrder(List<String> trackingNumbers) {
        jdbc.prepareStatement("""
                SELECT id FROM service_request WHERE tracking_number = ANY (?) ORDER BY id FOR UPDATE""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", trackingNumbers.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // locked
                }
            }
            return null;
        });
    }

    /** Whether other requests were closed as duplicates of this one. */
    boolean hasDuplicates(long id) {
        return jdbc.prepareStatement("SELECT 1 FROM service_request WHERE duplicate_of = ? LIMIT 1", ps -> {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    void setDepartment(long id, String department) {
        jdbc.prepareStatement("UPDATE service_request SET department_code = ? WHERE id = ?", ps -> {
            ps.setString(1, department);
            ps.setLong(2, id);
            return ps.executeUpdate();
        });
    }


    /**
     * Counts a duplicate's "me too"s, and the duplicate's own reporter, on the original. A device
     * already counted on the original stays counted once.
     */
    void mergeMeToos(long duplicate, long original, String channel) {
        jdbc.prepareStatement("""
                WITH moved AS (
                    INSERT INTO me_too (request_id, device_hash, channel, at)
                    SELECT ?, m.device_hash, m.channel, m.at FROM me_too m WHERE m.request_id = ?
                    UNION ALL SELECT ?, NULL, ?, now()
                    ON CONFLICT DO NOTHING RETURNING 1)
                UPDATE service_request SET me_too_count = me_too_count + (SELECT count(*) FROM moved) WHERE id = ?""",
                ps -> {
                    ps.setLong(1, original);
                    ps.setLong(2, duplicate);
                    ps.setLong(3, original);
                    ps.setString(4, channel);
                    ps.setLong(5, original);
                    return ps.executeUpdate();
                });
    }

    /**
     * Makes everyone who follows the duplicate follow the original too, as "me too" (they reported
     * or cared about the same problem). They keep following the duplicate, so they still see the
     * note that closed it; someone already following the original keeps their own reason.
     */
    void copyFollowers(long duplicate, long original) {
        jdbc.prepareStatement("""
                INSERT INTO request_follower (request_id, account_id, reason)
                SELECT ?, f.account_id, CASE WHEN f.reason = 'follow' THEN 'follow' ELSE 'me_too' END
                FROM request_follower f WHERE f.request_id = ?
                ON CONFLICT (request_id, account_id) DO NOTHING""", ps -> {
            ps.setLong(1, original);
            ps.setLong(2, duplicate);
            return ps.executeUpdate();
        });
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        Timestamp closed = rs.getTimestamp(9);
        return new Summary(rs.getLong(1), rs.getString(2), rs.getString(3),
                ServiceRequestStatusCode.fromValue(rs.getString(4)), rs.getString(5), rs.getString(6),
                rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), closed == null ? null : closed.toInstant(),
                new LatLon(rs.getDouble(10), rs.getDouble(11)), (Double) rs.getObject(12), rs.getString(13),
                rs.getInt(14), rs.getLong(15));
    }

}
