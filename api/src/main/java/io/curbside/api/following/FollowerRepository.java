package io.curbside.api.following;

import io.curbside.api.requests.TrackingNumber;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Who follows which request (request_follower). Callers hold the transaction. */
@Singleton
class FollowerRepository {

    private final JdbcOperations jdbc;

    FollowerRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** An account's following of a request, and whether this call began it. */
    record Followed(String reason, Instant since, boolean added) {
    }

    Optional<Long> requestId(TrackingNumber number) {
        return jdbc.prepareStatement("SELECT id FROM service_request WHERE tracking_number = ?", ps -> {
            ps.setString(1, number.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        });
    }

    /**
     * Follows the request, for the strongest reason that applies: its reporter or filer (a reporter
     * who unfollowed and follows again is still its reporter), else {@code fallback}. An existing
     * row is kept, except that {@code me_too} replaces a plain {@code follow}. Empty when the account
     * follows {@code limit} requests by choice already (its own reports and filings are not counted,
     * nor refused). Two follows racing may pass the limit by one: it is a cap on abuse, not a count.
     */
    Optional<Followed> follow(long request, UUID account, String fallback, int limit) {
        Followed added = jdbc.prepareStatement("""
                INSERT INTO request_follower (request_id, account_id, reason)
                SELECT id, ?, CASE WHEN reporter_account_id = ? THEN 'reporter'
                                   WHEN filed_by_account_id = ? THEN 'filed' ELSE ? END
                FROM service_request r WHERE id = ?
                  AND (reporter_account_id = ? OR filed_by_account_id = ?
                       OR EXISTS (SELECT 1 FROM request_follower WHERE request_id = r.id AND account_id = ?)
                       OR (SELECT count(*) FROM request_follower
                           WHERE account_id = ? AND reason IN ('follow', 'me_too')) < ?)
                ON CONFLICT (request_id, account_id) DO UPDATE SET reason = EXCLUDED.reason
                    WHERE request_follower.reason = 'follow' AND EXCLUDED.reason = 'me_too'
                RETURNING reason, since, xmax = 0""", ps -> {
            ps.setObject(1, account);
            ps.setObject(2, account);
            ps.setObject(3, account);
            ps.setString(4, fallback);
            ps.setLong(5, request);
            ps.setObject(6, account);
            ps.setObject(7, account);
            ps.setObject(8, account);
            ps.setObject(9, account);
            ps.setInt(10, limit);
            try (ResultSet rs = ps.executeQuery()) {
                // xmax = 0: the row was inserted, not updated.
                return rs.next() ? new Followed(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBoolean(3)) : null;
            }
        });
        return added != null ? Optional.of(added) : existing(request, account);
    }

    private Optional<Followed> existing(long request, UUID account) {
        return jdbc.prepareStatement("SELECT reason, since FROM request_follower WHERE request_id = ? AND account_id = ?",
                ps -> {
                    ps.setLong(1, request);
                    ps.setObject(2, account);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(new Followed(rs.getString(1), rs.getTimestamp(2).toInstant(), false))
                                : Optional.empty();
                    }
                });
    }

    void unfollow(long request, UUID account) {
        jdbc.prepareStatement("DELETE FROM request_follower WHERE request_id = ? AND account_id = ?", ps -> {
            ps.setLong(1, request);
            ps.setObject(2, account);
            return ps.executeUpdate();
        });
    }

    /**
     * The e-mail addresses of a request's followers, but for the account that made the change and
     * those whose owner has not proved the address: following requests under a stranger's address
     * must not fill the stranger's inbox.
     */
    List<String> addresses(long requestId, UUID madeBy) {
        return jdbc.prepareStatement("""
                SELECT a.email FROM request_follower f JOIN account a ON a.id = f.account_id
                WHERE f.request_id = ? AND a.email IS NOT NULL AND a.deleted_at IS NULL
                  AND a.email_verified_at IS NOT NULL AND a.id IS DISTINCT FROM ?""", ps -> {
            ps.setLong(1, requestId);
            ps.setObject(2, madeBy);
            List<String> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        });
    }
}
