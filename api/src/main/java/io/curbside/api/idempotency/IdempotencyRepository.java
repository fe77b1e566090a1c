package io.curbside.api.idempotency;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** The idempotency_record SQL. Callers hold the transaction. */
@Singleton
class IdempotencyRepository {

    private final JdbcOperations jdbc;

    IdempotencyRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A record that has not expired. {@code free}: running, but its lease lapsed or the session
     * that claimed it is gone; {@code leftSeconds}: how long a running one's lease still has.
     */
    record Row(String caller, byte[] fingerprint, boolean done, boolean free, int leftSeconds, int status,
               String headers, byte[] body) {
    }

    /**
     * Whether the running claim of the record {@code r} is abandoned: its lease lapsed, or the database
     * session that claimed it is gone (its node died, or the database restarted), so nobody can finish
     * it. A backend's start time tells a reused pid apart; it reads as NULL for another role's session,
     * which then counts as alive. Records claimed before sessions were recorded wait for their lease.
     * A pool that retires the claiming connection mid-request makes a live claim look abandoned: the
     * retry then does the work too, and only one of them stores its answer ({@link #complete} checks
     * the owner, in the transaction that commits the work), so nothing is done twice.
     */
    private static final String ABANDONED = """
            (r.lease_until < now() OR (r.holder_pid IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM pg_stat_activity a WHERE a.pid = r.holder_pid
                    AND (a.backend_start IS NULL OR a.backend_start = r.holder_started))))""";

    Optional<Row> find(String scope, String key) {
        return jdbc.prepareStatement("""
                SELECT caller, fingerprint, state = 'done', state = 'running' AND %s,
                    ceil(extract(epoch FROM lease_until - now())), status, headers::text, body
                FROM idempotency_record r WHERE scope = ? AND key = ? AND expires_at > now()""".formatted(ABANDONED), ps -> {
            ps.setString(1, scope);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getString(1), rs.getBytes(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getInt(5), rs.getInt(6), rs.getString(7), rs.getBytes(8)));
            }
        });
    }

    /**
     * Claims the key for this owner, in the name of this transaction's database session: a new key,
     * an expired record, or an {@link #ABANDONED abandoned} running one with the same fingerprint and
     * caller.
     */
    boolean claim(String scope, String key, byte[] fingerprint, String caller, UUID owner, Duration lease,
                  Duration retention) {
        return jdbc.prepareStatement("""
                INSERT INTO idempotency_record AS r (scope, key, fingerprint, caller, state, owner, lease_until,
                    expires_at, holder_pid, holder_started)
                VALUES (?, ?, ?, ?, 'running', ?, now() + ? * interval '1 millisecond', now() + ? * interval '1 millisecond',
                    pg_backend_pid(), (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()))
                ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, caller = excluded.caller,
                    state = 'running', owner = excluded.owner, lease_until = excluded.lease_until, status = NULL,
                    headers = NULL, body = NULL, created_at = now(), expires_at = excluded.expires_at,
                    holder_pid = excluded.holder_pid, holder_started = excluded.holder_started
                WHERE r.expires_at <= now()
                   OR (r.state = 'running' AND %s
                       AND r.fingerprint = excluded.fingerprint AND (r.caller IS NULL OR r.caller = excluded.caller))
                RETURNING owner""".formatted(ABANDONED), ps -> {
            ps.setString(1, scope);
            ps.setString(2, key);
            ps.setBytes(3, fingerprint);
            ps.setString(4, caller);
            ps.setObject(5, owner);
            ps.setLong(6, lease.toMillis());
            ps.setLong(7, retention.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** Stores the answer, if this owner still holds the key. */
    boolean complete(String scope, String key, UUID owner, int status, String headers, byte[] body) {
        return update("""
                UPDATE idempotency_record SET state = 'done', status = ?, headers = ?::jsonb, body = ?,
                    owner = NULL, lease_until = NULL, holder_pid = NULL, holder_started = NULL
                WHERE scope = ? AND key = ? AND owner = ? AND state = 'running'""", ps -> {
            ps.setInt(1, status);
            ps.setString(2, headers);
            ps.setBytes(3, body);
            ps.setString(4, scope);
            ps.setString(5, key);
            ps.setObject(6, owner);
        }) == 1;
    }

    void release(String scope, String key, UUID owner) {
        update("DELETE FROM idempotency_record WHERE scope = ? AND key = ? AND owner = ? AND state = 'running'", ps -> {
            ps.setString(1, scope);
            ps.setString(2, key);
            ps.setObject(3, owner);
        });
    }

    int purgeExpired() {
        return update("DELETE FROM idempotency_record WHERE expires_at <= now()", ps -> { });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        return jdbc.prepareStatement(sql, ps -> {
            binder.bind(ps);
            return ps.executeUpdate();
        });
    }
}
