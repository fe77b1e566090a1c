package io.curbside.api.liaisons;

import io.curbside.contract.model.ServiceRequestStatusCode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The requests a liaison filed, with the neighbour's details: read for that liaison only. Callers hold the transaction. */
@Singleton
class NeighbourRequestRepository {

    private final JdbcOperations jdbc;

    NeighbourRequestRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    record Listed(long id, String trackingNumber, String serviceCode, ServiceRequestStatusCode status, String language,
                  Instant receivedAt, Instant expectedAt, Instant closedAt, String name, String email, String phone,
                  boolean consent) {
    }

    /**
     * The liaison's requests, newest first, from before the cursor id, in one status or all.
     * The partial index on (filed_by_account_id, id) serves it; a status is checked on the rows it finds.
     */
    List<Listed> filedBy(UUID liaison, ServiceRequestStatusCode status, Long beforeId, int limit) {
        return jdbc.prepareStatement("""
                SELECT id, tracking_number, service_code, status, language, received_at, expected_at, closed_at,
                       contact_name, contact_email, contact_phone, coalesce(contact_consent, false)
                FROM service_request
                WHERE filed_by_account_id = ? AND (?::text IS NULL OR status = ?) AND (?::bigint IS NULL OR id < ?)
                ORDER BY id DESC LIMIT ?""", ps -> {
            String wanted = status == null ? null : status.getValue();
            ps.setObject(1, liaison);
            ps.setString(2, wanted);
            ps.setString(3, wanted);
            ps.setObject(4, beforeId);
            ps.setObject(5, beforeId);
            ps.setInt(6, limit);
            List<Listed> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Listed(rs.getLong(1), rs.getString(2), rs.getString(3),
                            ServiceRequestStatusCode.fromValue(rs.getString(4)), rs.getString(5),
                            instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getBoolean(12)));
                }
            }
            return rows;
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
