package io.curbside.api.accounts;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Mail sent to account owners, and the codes it carried (their hashes): reset and verification. Callers hold the transaction. */
@Singleton
class AccountMailRepository {

    /** What a mail was about. */
    enum Kind {
        PASSWORD_RESET("password_reset"), SIGN_UP_ATTEMPT("sign_up_attempt"),
        /** A code proving the address it was mailed to. */
        EMAIL_VERIFICATION("email_verification"),
        /** The notice to an account's owner that another account tried to move to its address. */
        EMAIL_TAKEN("email_taken");

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

    /** Records a mail; tokenHash and expiresAt only for a code, address for a code (the address it was mailed to). */
    void record(UUID account, Kind kind, byte[] tokenHash, Instant expiresAt, String address) {
        jdbc.prepareStatement("INSERT INTO account_mail (account_id, kind, token_hash, expires_at, address)"
                + " VALUES (?, ?, ?, ?, ?)", ps -> {
            ps.setObject(1, account);
            ps.setString(2, kind.wire);
            ps.setBytes(3, tokenHash);
            ps.setTimestamp(4, expiresAt == null ? null : Timestamp.from(expiresAt));
            ps.setString(5, address);
            return ps.executeUpdate();
        });
    }

    /**
     * A code as found, the address it was mailed to (null for reset codes older than V17), and
     * whether it could still be used when it was presented.
     */
    record MailedCode(UUID account, String address, boolean used, boolean expired) {
    }

    /**
     * Uses a code of that kind up, atomically: of two uses racing with one code only one finds it
     * unused. Empty when no such code of that kind was ever mailed: a verification code mailed to
     * a new address must never reset the password, nor a reset code move the account.
     */
    Optional<MailedCode> use(Kind kind, byte[] tokenHash, Instant now) {
        return jdbc.prepareStatement("""
                WITH used AS (
                    UPDATE account_mail SET used_at = ?
                    WHERE token_hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ?
                    RETURNING account_id, address)
                SELECT account_id, address, false, false FROM used
                UNION ALL
                SELECT account_id, address, used_at IS NOT NULL, expires_at <= ? FROM account_mail
                WHERE token_hash = ? AND kind = ? AND NOT EXISTS (SELECT 1 FROM used)""", ps -> {
            Timestamp at = Timestamp.from(now);
            ps.setTimestamp(1, at);
            ps.setBytes(2, tokenHash);
            ps.setString(3, kind.wire);
            ps.setTimestamp(4, at);
            ps.setTimestamp(5, at);
            ps.setBytes(6, tokenHash);
            ps.setString(7, kind.wire);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new MailedCode(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getBoolean(3), rs.getBoolean(4))) : Optional.empty();
            }
        });
    }

    /**
     * Makes the account's unused codes worthless: after a new password (one reset per mail, not
     * one per code), or a move to another address (codes mailed to the old one prove nothing now).
     */
    void retireCodes(UUID account, Instant now) {
        jdbc.prepareStatement("UPDATE account_mail SET used_at = ? WHERE account_id = ? AND token_hash IS NOT NULL"
                + " AND used_at IS NULL", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, account);
            return ps.executeUpdate();
        });
    }
}
