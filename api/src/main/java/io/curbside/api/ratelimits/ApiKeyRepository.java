package io.curbside.api.ratelimits;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The api_key SQL. Callers hold the transaction. */
@Singleton
class ApiKeyRepository {

    private static final String COLUMNS = "id, prefix, name, per_minute, created_at, created_by, revoked_at, last_used_at";

    private final JdbcOperations jdbc;

    ApiKeyRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A key with the hash it is checked against; never leaves this package. */
    record Stored(ApiKey key, byte[] secretHash) {
    }

    /** Inserts the key, or returns empty when its prefix is taken (one chance in 36^8 per key issued). */
    Optional<ApiKey> insert(String prefix, byte[] secretHash, String name, Integer perMinute, Instant at,
                            String createdBy) {
        return jdbc.prepareStatement("""
                INSERT INTO api_key (prefix, secret_hash, name, per_minute, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (prefix) DO NOTHING
                RETURNING""" + " " + COLUMNS, ps -> {
            ps.setString(1, prefix);
            ps.setBytes(2, secretHash);
            ps.setString(3, name);
            if (perMinute == null) {
                ps.setNull(4, Types.INTEGER);
            } else {
                ps.setInt(4, perMinute);
            }
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setString(6, createdBy);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.empty();
            }
        });
    }

    List<ApiKey> list() {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM api_key ORDER BY id", ps -> {
            List<ApiKey> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(key(rs));
                }
            }
            return keys;
        });
    }

    Optional<ApiKey> find(long id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE id = ?", ps -> {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.empty();
            }
        });
    }

    Optional<Stored> findByPrefix(String prefix) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + ", secret_hash FROM api_key WHERE prefix = ?", ps -> {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(key(rs), rs.getBytes(9))) : Optional.empty();
            }
        });
    }

    /** Revokes the key if it is not already; the earlier revocation time is kept. */
    Optional<ApiKey> revoke(long id, Instant at) {
        return jdbc.prepareStatement("UPDATE api_key SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? RETURNING "
                + COLUMNS, ps -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.empty();
            }
        });
    }

    /** Records a use, unless one at or after {@code unlessSince} is already recorded (by another node). */
    void touch(long id, Instant at, Instant unlessSince) {
        jdbc.prepareStatement("""
                UPDATE api_key SET last_used_at = ?
                WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)""", ps -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, id);
            ps.setTimestamp(3, Timestamp.from(unlessSince));
            return ps.executeUpdate();
        });
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        Integer perMinute = rs.getObject(4, Integer.class);
        return new ApiKey(rs.getLong(1), rs.getString(2), rs.getString(3), perMinute, instant(rs, 5), rs.getString(6),
                instant(rs, 7), instant(rs, 8));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
