package io.curbside.api.accounts;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Mail sent to account owners, and the reset codes it carried (their hashes). Callers hold the transaction. */
@Singleton
class AccountMailRepository {

    /** What a mail was about. */
    enum Kind {
        PASSWORD_RESET("password_reset"), SIGN_UP_ATTEMPT("sign_up_attempt");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }
    }

    private final JdbcOperations jdbc;

    AccountMailRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Mail of any kind sent to the account since then. */
    int sentSince(UUID account, Instant since) {
        return jdbc.prepareStatement("SELECT count(*) FROM account_mail WHERE account_id = ? AND sent_at > ?", ps -> {
            ps.setObject(1, account);
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Records a mail; tokenHash and expiresAt only for a reset code. */
    void record(UUID account, Kind kind, byte[] tokenHash, Instant expiresAt) {
        jdbc.prepareStatement(
                "INSERT INTO account_mail (account_id, kind, token_hash, expires_at) VALUES (?, ?, ?, ?)", ps -> {
                    ps.setObject(1, account);
                    ps.setString(2, kind.wire);
                    ps.setBytes(3, tokenHash);
                    ps.setTimestamp(4, expiresAt == null ? null : Timestamp.from(expiresAt));
                    return ps.executeUpdate();
                });
    }

    /** A reset code as found, and whether it could still be used when it was presented. */
    record ResetCode(UUID account, boolean used, boolean expired) {
    }

    /**
     * Uses a reset code up, atomically: of two uses racing with one code only one finds it unused.
     * Empty when no such code was ever mailed.
     */
    Optional<ResetCode> use(byte[] tokenHash, Instant now) {
        return jdbc.prepareStatement("""
                WITH used AS (
                    UPDATE account_mail SET used_at = ?
                    WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
                    RETURNING account_id)
                SELECT account_id, false, false FROM used
                UNION ALL
                SELECT account_id, used_at IS NOT NULL, expires_at <= ? FROM account_mail
                WHERE token_hash = ? AND NOT EXISTS (SELECT 1 FROM used)""", ps -> {
            Timestamp at = Timestamp.from(now);
            ps.setTimestamp(1, at);
            ps.setBytes(2, tokenHash);
            ps.setTimestamp(3, at);
            ps.setTimestamp(4, at);
            ps.setBytes(5, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ResetCode(rs.getObject(1, UUID.class), rs.getBoolean(2),
                        rs.getBoolean(3))) : Optional.empty();
            }
        });
    }

    /** A new password makes the account's other codes worthless: one reset per mail, not one per code. */
    void retireCodes(UUID account, Instant now) {
        jdbc.prepareStatement("UPDATE account_mail SET used_at = ? WHERE account_id = ? AND token_hash IS NOT NULL"
                + " AND used_at IS NULL", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, account);
            return ps.executeUpdate();
        });
    }
}
