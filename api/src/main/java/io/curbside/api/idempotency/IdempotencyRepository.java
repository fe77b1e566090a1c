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

    /** A record that has not expired. */
    record Row(String caller, byte[] fingerprint, boolean done, boolean leaseExpired, int status, String headers,
               byte[] body) {
    }

    Optional<Row> find(String scope, String key) {
        return jdbc.prepareStatement("""
                SELECT caller, fingerprint, state = 'done', lease_until < now(), status, headers::text, body
                FROM idempotency_record WHERE scope = ? AND key = ? AND expires_at > now()""", ps -> {
            ps.setString(1, scope);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getString(1), rs.getBytes(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getInt(5), rs.getString(6), rs.getBytes(7)));
            }
        });
    }

    /**
     * Claims the key for this owner: a new key, an expired record, or a running one whose owner
     * let its lease lapse (a node that died mid-request) with the same fingerprint and caller.
     */
    boolean claim(String scope, String key, byte[] fingerprint, String caller, UUID owner, Duration lease,
                  Duration retention) {
        return jdbc.prepareStatement("""
                INSERT INTO idempotency_record (scope, key, fingerprint, caller, state, owner, lease_until, expires_at)
                VALUES (?, ?, ?, ?, 'running', ?, now() + ? * interval '1 millisecond', now() + ? * interval '1 millisecond')
                ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, caller = excluded.caller,
                    state = 'running', owner = excluded.owner, lease_until = excluded.lease_until, status = NULL,
                    headers = NULL, body = NULL, created_at = now(), expires_at = excluded.expires_at
                WHERE idempotency_record.expires_at <= now()
                   OR (idempotency_record.state = 'running' AND idempotency_record.lease_until < now()
                       AND idempotency_record.fingerprint = excluded.fingerprint
                       AND (idempotency_record.caller IS NULL OR idempotency_record.caller = excluded.caller))
                RETURNING owner""", ps -> {
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
                    owner = NULL, lease_until = NULL
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
