package io.curbside.api.following;

import io.curbside.api.requests.TrackingNumber;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Reporters' ratings of closed requests (request_rating). Callers hold the transaction. */
@Singleton
class RatingRepository {

    private final JdbcOperations jdbc;

    RatingRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A request as rating sees it: who reported it, whether it is closed and since when. */
    record Target(long id, UUID reporter, byte[] receiptTokenHash, boolean closed, Instant closedAt) {
    }

    /** A rating as stored. */
    record Stored(int score, String comment, Instant ratedAt) {
    }

    /** The request, locked until the transaction ends: a rating never races a reopening. */
    Optional<Target> lock(TrackingNumber number) {
        // closed_at is set with the status; should a path forget it, the last change stands in.
        return jdbc.prepareStatement("""
                SELECT id, reporter_account_id, receipt_token_hash, status = 'closed', coalesce(closed_at, updated_at)
                FROM service_request WHERE tracking_number = ? FOR UPDATE""", ps -> {
            ps.setString(1, number.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Target(rs.getLong(1), rs.getObject(2, UUID.class), rs.getBytes(3),
                        rs.getBoolean(4), rs.getTimestamp(5).toInstant())) : Optional.empty();
            }
        });
    }

    /** Stores the rating; false when the request was rated before. */
    boolean insert(long request, int score, String comment, Instant closedAt, Instant at) {
        return jdbc.prepareStatement("""
                INSERT INTO request_rating (request_id, score, comment, closed_at, rated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (request_id) DO NOTHING""", ps -> {
            ps.setLong(1, request);
            ps.setInt(2, score);
            ps.setString(3, comment);
            ps.setTimestamp(4, Timestamp.from(closedAt));
            ps.setTimestamp(5, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        });
    }

    Optional<Stored> of(long request) {
        return jdbc.prepareStatement("SELECT score, comment, rated_at FROM request_rating WHERE request_id = ?", ps -> {
            ps.setLong(1, request);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                        : Optional.empty();
            }
        });
    }
}
