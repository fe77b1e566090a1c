package io.curbside.api.notifications;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox_message SQL. Times are the database's {@code now()}, one clock for every node, so
 * leases hold even between nodes whose clocks differ. Callers hold the transaction.
 */
@Singleton
class OutboxRepository {

    private static final int MAX_ERROR_LENGTH = 500;

    private final JdbcOperations jdbc;

    OutboxRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims up to {@code limit} due rows of these channels for {@code lease}, under the claim
     * {@code claim}. Rows another transaction is claiming are skipped, not waited for (SKIP
     * LOCKED); once that one commits, its lease keeps them out of every later claim.
     */
    List<ClaimedMessage> claim(Collection<String> channels, int limit, Duration lease, UUID claim) {
        return jdbc.prepareStatement("""
                WITH due AS (
                    SELECT id, subscription_id, event_id FROM outbox_message
                    WHERE delivered_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= now()
                      AND (claimed_until IS NULL OR claimed_until <= now()) AND channel = ANY (?)
                    ORDER BY next_attempt_at
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                UPDATE outbox_message m
                SET claimed_until = now() + make_interval(secs => ?), claimed_by = ?, attempts = m.attempts + 1
                FROM due LEFT JOIN webhook_subscription s ON s.id = due.subscription_id
                     LEFT JOIN request_event e ON e.id = due.event_id
                WHERE m.id = due.id
                RETURNING m.id, m.message_id, m.channel, m.attempts, m.payload::text, m.subscription_id, s.url,
                          s.secret, coalesce(s.secret_sealed, false), m.recipient, e.request_id, e.kind, e.status, e.note,
                          e.at""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", channels.toArray()));
            ps.setInt(2, limit);
            ps.setDouble(3, lease.toMillis() / 1000.0);
            ps.setObject(4, claim);
            List<ClaimedMessage> claimed = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimedMessage(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getInt(4), rs.getString(5), (Long) rs.getObject(6), rs.getString(7), rs.getBytes(8),
                            rs.getBoolean(9), rs.getString(10), (Long) rs.getObject(11), event(rs)));
                }
            }
            return claimed;
        });
    }

    private static ClaimedMessage.Event event(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp(15);
        return rs.getString(12) == null ? null
                : new ClaimedMessage.Event(rs.getString(12), rs.getString(13), rs.getString(14), at.toInstant());
    }

    void delivered(Collection<Long> ids, UUID claim) {
        jdbc.prepareStatement("""
                UPDATE outbox_message SET delivered_at = now(), claimed_until = NULL, claimed_by = NULL, last_error = NULL
                WHERE id = ANY (?) AND claimed_by = ? AND delivered_at IS NULL AND gave_up_at IS NULL""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray()));
            ps.setObject(2, claim);
            return ps.executeUpdate();
        });
    }

    /** Schedules each row's next attempt after its wait, keeping why this one failed. */
    void retry(Map<Long, Retry> retries, UUID claim) {
        jdbc.prepareStatement("""
                UPDATE outbox_message
                SET next_attempt_at = now() + make_interval(secs => ?), last_error = ?, claimed_until = NULL, claimed_by = NULL
                WHERE id = ? AND claimed_by = ? AND delivered_at IS NULL AND gave_up_at IS NULL""", ps -> {
            for (Map.Entry<Long, Retry> e : retries.entrySet()) {
                ps.setDouble(1, e.getValue().delay().toMillis() / 1000.0);
                ps.setString(2, shorten(e.getValue().error()));
                ps.setLong(3, e.getKey());
                ps.setObject(4, claim);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** A failed attempt and the wait before the next. */
    record Retry(Duration delay, String error) {
    }

    /** Ends these rows' retries: the dead letters operators can look at. */
    void giveUp(Map<Long, String> errors, UUID claim) {
        jdbc.prepareStatement("""
                UPDATE outbox_message SET gave_up_at = now(), last_error = ?, claimed_until = NULL, claimed_by = NULL
                WHERE id = ? AND claimed_by = ? AND delivered_at IS NULL AND gave_up_at IS NULL""", ps -> {
            for (Map.Entry<Long, String> e : errors.entrySet()) {
                ps.setString(1, shorten(e.getValue()));
                ps.setLong(2, e.getKey());
                ps.setObject(3, claim);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** Hands back rows that were claimed but not attempted, as if never claimed. */
    void release(Collection<Long> ids, UUID claim) {
        jdbc.prepareStatement("""
                UPDATE outbox_message SET claimed_until = NULL, claimed_by = NULL, attempts = attempts - 1
                WHERE id = ANY (?) AND claimed_by = ? AND delivered_at IS NULL AND gave_up_at IS NULL""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray()));
            ps.setObject(2, claim);
            return ps.executeUpdate();
        });
    }

    /** Gives up the pending rows of a subscription that has ended. */
    int giveUpSubscription(long subscriptionId, String why) {
        return jdbc.prepareStatement("""
                UPDATE outbox_message SET gave_up_at = now(), last_error = ?, claimed_until = NULL, claimed_by = NULL
                WHERE subscription_id = ? AND delivered_at IS NULL AND gave_up_at IS NULL""", ps -> {
            ps.setString(1, why);
            ps.setLong(2, subscriptionId);
            return ps.executeUpdate();
        });
    }

    void enqueueEmail(String recipient, String payloadJson) {
        jdbc.prepareStatement("INSERT INTO outbox_message (channel, recipient, payload) VALUES ('email', ?, ?::jsonb)",
                ps -> {
                    ps.setString(1, recipient);
                    ps.setString(2, payloadJson);
                    return ps.executeUpdate();
                });
    }

    /** The rows still to deliver, claimed or not: how many, and the oldest one's age in whole seconds (0: none). */
    record Backlog(long messages, long oldestSeconds) {
    }

    Backlog backlog() {
        return jdbc.prepareStatement("""
                SELECT count(*), coalesce(floor(extract(epoch FROM now() - min(created_at))), 0)::bigint
                FROM outbox_message WHERE delivered_at IS NULL AND gave_up_at IS NULL""", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Backlog(rs.getLong(1), rs.getLong(2));
            }
        });
    }

    /** Deletes up to {@code limit} rows delivered or given up longer ago than {@code retention}: e-mail addresses go too. */
    int purge(Duration retention, int limit) {
        return jdbc.prepareStatement("""
                DELETE FROM outbox_message WHERE id IN (
                    SELECT id FROM outbox_message
                    WHERE (delivered_at IS NOT NULL OR gave_up_at IS NOT NULL)
                      AND coalesce(delivered_at, gave_up_at) < now() - make_interval(secs => ?)
                    ORDER BY coalesce(delivered_at, gave_up_at)
                    LIMIT ?)""", ps -> {
            ps.setDouble(1, retention.toMillis() / 1000.0);
            ps.setInt(2, limit);
            return ps.executeUpdate();
        });
    }

    private static String shorten(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
