package io.curbside.api.reports;

import io.curbside.api.requests.TrackingNumber;
import io.curbside.contract.model.ServiceRequestStatusCode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Which account a request belongs to. Callers hold the transaction. */
@Singleton
class OwnRequestRepository {

    private final JdbcOperations jdbc;

    OwnRequestRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A request as a claim sees it, locked until the claim's transaction ends. */
    record Claimable(long id, byte[] receiptTokenHash, UUID owner) {
    }

    record Listed(long id, String trackingNumber, String serviceCode, ServiceRequestStatusCode status, String language,
                  Instant receivedAt, Instant expectedAt, Instant closedAt, boolean reporter) {
    }

    Optional<Claimable> claimable(TrackingNumber number) {
        return jdbc.prepareStatement("""
                SELECT id, receipt_token_hash, reporter_account_id FROM service_request
                WHERE tracking_number = ? FOR UPDATE""", ps -> {
            ps.setString(1, number.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Claimable(rs.getLong(1), rs.getBytes(2), rs.getObject(3, UUID.class)))
                        : Optional.empty();
            }
        });
    }

    void setOwner(long request, UUID account) {
        jdbc.prepareStatement("UPDATE service_request SET reporter_account_id = ? WHERE id = ?", ps -> {
            ps.setObject(1, account);
            ps.setLong(2, request);
            return ps.executeUpdate();
        });
    }

    /** The account's requests, newest first, from before the cursor id. */
    List<Listed> ownedBy(UUID account, Long beforeId, int limit) {
        // Two index scans (reporter, filer), merged: an OR over both columns would scan the table.
        return jdbc.prepareStatement("""
                SELECT id, tracking_number, service_code, status, language, received_at, expected_at, closed_at,
                       reporter_account_id IS NOT DISTINCT FROM ?
                FROM service_request WHERE id IN (
                    (SELECT id FROM service_request WHERE reporter_account_id = ? AND (?::bigint IS NULL OR id < ?)
                     ORDER BY id DESC LIMIT ?)
                    UNION
                    (SELECT id FROM service_request WHERE filed_by_account_id = ? AND (?::bigint IS NULL OR id < ?)
                     ORDER BY id DESC LIMIT ?))
                ORDER BY id DESC LIMIT ?""", ps -> {
            ps.setObject(1, account);
            ps.setObject(2, account);
            ps.setObject(3, beforeId);
            ps.setObject(4, beforeId);
            ps.setInt(5, limit);
            ps.setObject(6, account);
            ps.setObject(7, beforeId);
            ps.setObject(8, beforeId);
            ps.setInt(9, limit);
            ps.setInt(10, limit);
            List<Listed> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Listed(rs.getLong(1), rs.getString(2), rs.getString(3),
                            ServiceRequestStatusCode.fromValue(rs.getString(4)), rs.getString(5), instant(rs.getTimestamp(6)),
                            instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), rs.getBoolean(9)));
                }
            }
            return rows;
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
