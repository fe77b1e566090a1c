package io.curbside.api.accounts;

import io.curbside.api.opendata.TextScrubber;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accounts, their granted roles, their sign-ins and refresh tokens. Callers hold the transaction. */
@Singleton
class AccountRepository {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, email, display_name, password_hash, created_at,"
            + " email_verified_at IS NOT NULL, language";

    private final JdbcOperations jdbc;

    AccountRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An account as stored (never deleted ones); emailVerified: its owner proved its current address;
     * language is null when its sign-up asked for none.
     */
    record Stored(UUID id, String email, String displayName, String passwordHash, Instant createdAt,
                  boolean emailVerified, String language) {
    }

    /** A role an admin granted; department only for staff. */
    record Grant(Role role, String department) {
    }

    /** Creates an account, its mail in the language (or null); empty when the e-mail is taken. */
    Optional<UUID> insert(String email, String passwordHash, String displayName, String language) {
        return jdbc.prepareStatement("""
                INSERT INTO account (email, password_hash, display_name, language) VALUES (?, ?, ?, ?)
                ON CONFLICT (email) DO NOTHING RETURNING id""", ps -> {
            ps.setString(1, email);
            ps.setString(2, passwordHash);
            ps.setString(3, displayName);
            ps.setString(4, language);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        });
    }

    /** The account of an identity provider's subject, made on first sight. */
    UUID provision(String issuer, String subject) {
        return jdbc.prepareStatement("""
                WITH found AS (SELECT id FROM account WHERE issuer = ? AND subject = ?),
                     made AS (INSERT INTO account (issuer, subject) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM found)
                              ON CONFLICT (issuer, subject) DO NOTHING RETURNING id)
                SELECT id FROM found UNION ALL SELECT id FROM made""", ps -> {
            ps.setString(1, issuer);
            ps.setString(2, subject);
            ps.setString(3, issuer);
            ps.setString(4, subject);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getObject(1, UUID.class);
                }
            }
            // Another node made it between our look and our insert: it is there now.
            return provision(issuer, subject);
        });
    }

    Optional<Stored> byEmail(String email) {
        return one("SELECT " + COLUMNS + " FROM account WHERE email = ? AND deleted_at IS NULL", email);
    }

    Optional<Stored> byId(UUID id) {
        return one("SELECT " + COLUMNS + " FROM account WHERE id = ? AND deleted_at IS NULL", id);
    }

    /**
     * The account, locked against other lockers until the transaction ends. NO KEY UPDATE, not
     * UPDATE: a refresh holding its sign-in's row inserts a token, whose foreign key takes a key
     * share of this row, while a reset holding this row waits for that sign-in's row; a full lock
     * here would make the two wait for each other.
     */
    Optional<Stored> lock(UUID id) {
        return one("SELECT " + COLUMNS + " FROM account WHERE id = ? AND deleted_at IS NULL FOR NO KEY UPDATE", id);
    }

    /** Accounts whose e-mail starts with the prefix and that hold the role, after the cursor id. */
    List<Stored> find(String emailPrefix, Role role, UUID after, int limit) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM account a WHERE deleted_at IS NULL"
                + " AND (?::text IS NULL OR email LIKE ? ESCAPE '\\')"
                + " AND (?::text IS NULL OR ?::text = 'resident' OR EXISTS"
                + " (SELECT 1 FROM account_role r WHERE r.account_id = a.id AND r.role = ?))"
                + " AND (?::uuid IS NULL OR id > ?) ORDER BY id LIMIT ?", ps -> {
            String pattern = emailPrefix == null ? null
                    : emailPrefix.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            String roleName = role == null ? null : role.wire();
            ps.setString(1, pattern);
            ps.setString(2, pattern);
            ps.setString(3, roleName);
            ps.setString(4, roleName);
            ps.setString(5, roleName);
            ps.setObject(6, after);
            ps.setObject(7, after);
            ps.setInt(8, limit);
            List<Stored> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(stored(rs));
                }
            }
            return found;
        });
    }

    /** An account as a re-reading route sees it: whether the sign-in named is still live, and the roles held now. */
    record Current(boolean signedIn, List<Grant> grants) {
    }

    /**
     * The account's roles and whether its sign-in is live, in one statement (the primary keys of
     * account and account_session, and account_role's unique index): empty when the account is
     * gone. A sign-in never started, or ended, is not live.
     */
    Optional<Current> current(UUID account, UUID session) {
        return jdbc.prepareStatement("""
                SELECT s.ended_at IS NULL AND s.id IS NOT NULL, r.role, r.department_code
                FROM account a
                LEFT JOIN account_session s ON s.id = ? AND s.account_id = a.id
                LEFT JOIN account_role r ON r.account_id = a.id
                WHERE a.id = ? AND a.deleted_at IS NULL
                ORDER BY r.role, r.department_code""", ps -> {
            ps.setObject(1, session);
            ps.setObject(2, account);
            boolean found = false;
            boolean live = false;
            List<Grant> grants = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found = true;
                    live = rs.getBoolean(1);
                    String role = rs.getString(2);
                    if (role != null) {
                        grants.add(new Grant(Role.fromWire(role).orElseThrow(), rs.getString(3)));
                    }
                }
            }
            return found ? Optional.of(new Current(live, grants)) : Optional.empty();
        });
    }

    List<Grant> grants(UUID account) {
        return jdbc.prepareStatement(
                "SELECT role, department_code FROM account_role WHERE account_id = ? ORDER BY role, department_code", ps -> {
                    ps.setObject(1, account);
                    List<Grant> grants = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            grants.add(new Grant(Role.fromWire(rs.getString(1)).orElseThrow(), rs.getString(2)));
                        }
                    }
                    return grants;
                });
    }

    void replaceGrants(UUID account, List<Grant> grants, UUID grantedBy) {
        update("DELETE FROM account_role WHERE account_id = ?", account);
        for (Grant grant : grants) {
            jdbc.prepareStatement("""
                    INSERT INTO account_role (account_id, role, department_code, granted_by) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", ps -> {
                ps.setObject(1, account);
                ps.setString(2, grant.role().wire());
                ps.setString(3, grant.department());
                ps.setObject(4, grantedBy);
                return ps.executeUpdate();
            });
        }
    }


    void setPassword(UUID account, String hash) {
        jdbc.prepareStatement("UPDATE account SET password_hash = ? WHERE id = ?", ps -> {
            ps.setString(1, hash);
            ps.setObject(2, account);
            return ps.executeUpdate();
        });
    }

    /**
     * Erases who the person was; their requests stay, without contact details or the link to
     * them. Staff and liaison history keeps the (now empty) account id.
     */
    void erase(UUID account) {
        // Mail not sent yet would keep the address for days in the outbox: it goes too.
        update("""
                DELETE FROM outbox_message WHERE channel = 'email' AND delivered_at IS NULL
                  AND recipient = (SELECT email FROM account WHERE id = ?)""", account);
        // Locked first: filing or claiming as this account (its foreign key takes KEY SHARE on the row) waits for the
        // erasure, so no request of theirs can come between the scrubbing of their words and the forgetting of them.
        jdbc.prepareStatement("SELECT 1 FROM account WHERE id = ? FOR UPDATE", ps -> {
            ps.setObject(1, account);
            return ps.executeQuery().next();
        });
        scrubOwnWords(account);
        update("""
                UPDATE service_request SET contact_name = NULL, contact_email = NULL, contact_phone = NULL,
                       device_id = NULL, reporter_account_id = NULL, reporter_erased = true
                WHERE reporter_account_id = ?""", account);
        update("DELETE FROM account_role WHERE account_id = ?", account);
        update("DELETE FROM account_mail WHERE account_id = ?", account);
        revokeAll(account);
        update("""
                UPDATE account SET email = NULL, password_hash = NULL, display_name = NULL, subject = NULL,
                       deleted_at = now()
                WHERE id = ?""", account);
    }

    /**
     * Takes the person's name and contact details out of their own descriptions while the name is still known.
     * The published description is scrubbed the same way, so it does not change and the erasure shows nowhere
     * public: their requests changing together would tell that one person filed them, and when they left.
     * Locked in id order, as every transaction locks requests.
     */
    private void scrubOwnWords(UUID account) {
        List<Object[]> own = jdbc.prepareStatement("""
                SELECT id, description, contact_name FROM service_request
                WHERE reporter_account_id = ? AND description IS NOT NULL ORDER BY id FOR UPDATE""", ps -> {
            ps.setObject(1, account);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(3);
                    rows.add(new Object[] {rs.getLong(1),
                            TextScrubber.scrub(rs.getString(2), name == null ? List.of() : List.of(name))});
                }
            }
            return rows;
        });
        jdbc.prepareStatement("UPDATE service_request SET description = ? WHERE id = ? AND description IS DISTINCT FROM ?",
                ps -> {
                    for (Object[] row : own) {
                        ps.setString(1, (String) row[1]);
                        ps.setLong(2, (Long) row[0]);
                        ps.setString(3, (String) row[1]);
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                });
    }

    /** Starts a sign-in: the password was checked at {@code authenticatedAt}. */
    void startSession(UUID session, UUID account, Instant authenticatedAt) {
        jdbc.prepareStatement("INSERT INTO account_session (id, account_id, authenticated_at) VALUES (?, ?, ?)", ps -> {
            ps.setObject(1, session);
            ps.setObject(2, account);
            ps.setTimestamp(3, Timestamp.from(authenticatedAt));
            return ps.executeUpdate();
        });
    }

    /** When the sign-in checked the password; empty when it is not known (began before sign-ins were kept). */
    Optional<Instant> authenticatedAt(UUID session) {
        return jdbc.prepareStatement("SELECT authenticated_at FROM account_session WHERE id = ?", ps -> {
            ps.setObject(1, session);
            try (ResultSet rs = ps.executeQuery()) {
                Timestamp at = rs.next() ? rs.getTimestamp(1) : null;
                return Optional.ofNullable(at).map(Timestamp::toInstant);
            }
        });
    }

    void storeRefreshToken(byte[] hash, UUID account, UUID family, Instant expiresAt) {
        jdbc.prepareStatement(
                "INSERT INTO refresh_token (hash, account_id, family, expires_at) VALUES (?, ?, ?, ?)", ps -> {
                    ps.setBytes(1, hash);
                    ps.setObject(2, account);
                    ps.setObject(3, family);
                    ps.setTimestamp(4, Timestamp.from(expiresAt));
                    return ps.executeUpdate();
                });
    }

    /** The sign-in a refresh token belongs to, and whether it may still be used. */
    record RefreshToken(UUID account, UUID family, boolean usable) {
    }

    /**
     * Uses a refresh token up, atomically: of two refreshes racing with one token only one gets
     * {@code usable}. Empty when no such token was ever handed out.
     */
    Optional<RefreshToken> useRefreshToken(byte[] hash, Instant now) {
        return jdbc.prepareStatement("""
                WITH used AS (
                    UPDATE refresh_token SET used_at = ?
                    WHERE hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?
                    RETURNING account_id, family)
                SELECT account_id, family, true FROM used
                UNION ALL
                SELECT account_id, family, false FROM refresh_token WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM used)""",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setBytes(2, hash);
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setBytes(4, hash);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(new RefreshToken(rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class), rs.getBoolean(3))) : Optional.empty();
                    }
                });
    }

    /**
     * A spent refresh token presented again soon after its use, while the token it was swapped
     * for is still unused (no token made after it was used; database times only, so nodes' clocks
     * do not matter): the client most likely never got the answer. Call under {@link #lockFamilyOf}.
     */
    Optional<RefreshToken> lostAnswer(byte[] hash, Instant usedSince, Instant now) {
        return jdbc.prepareStatement("""
                SELECT t.account_id, t.family FROM refresh_token t
                WHERE t.hash = ? AND t.revoked_at IS NULL AND t.used_at > ? AND t.expires_at > ?
                  AND NOT EXISTS (SELECT 1 FROM refresh_token u
                                  WHERE u.family = t.family AND u.created_at > t.created_at AND u.used_at IS NOT NULL)""",
                ps -> {
            ps.setBytes(1, hash);
            ps.setTimestamp(2, Timestamp.from(usedSince));
            ps.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new RefreshToken(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        true)) : Optional.empty();
            }
        });
    }

    /**
     * Locks the sign-in the token belongs to until the transaction ends, its account_session row
     * first and then every token of it in one order (the order that ending sign-ins keeps too, so
     * a refresh and a sign-out or password change wait for each other): true when the sign-in is
     * live, false when it has ended, never started, or the token is unknown.
     */
    boolean lockFamilyOf(byte[] hash) {
        boolean live = jdbc.prepareStatement("""
                SELECT ended_at IS NULL FROM account_session
                WHERE id = (SELECT family FROM refresh_token WHERE hash = ?) FOR UPDATE""", ps -> {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        });
        jdbc.prepareStatement("""
                SELECT 1 FROM refresh_token WHERE family = (SELECT family FROM refresh_token WHERE hash = ?)
                ORDER BY hash FOR UPDATE""", ps -> {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // locked
                }
            }
            return null;
        });
        return live;
    }

    void revoke(byte[] hash) {
        jdbc.prepareStatement("UPDATE refresh_token SET revoked_at = now() WHERE hash = ? AND revoked_at IS NULL", ps -> {
            ps.setBytes(1, hash);
            return ps.executeUpdate();
        });
    }

    /** Revokes the sign-in's tokens not used yet (the one a lost answer carried). */
    void revokeUnused(UUID family) {
        update("UPDATE refresh_token SET revoked_at = now() WHERE family = ? AND used_at IS NULL AND revoked_at IS NULL",
                family);
    }

    /** Ends one sign-in: its refresh tokens, and at once its access tokens on re-reading routes. */
    void revokeFamily(UUID family) {
        // The session row first, as a refresh locks it ({@link #lockFamilyOf}): the two take turns.
        update("UPDATE account_session SET ended_at = now() WHERE id = ? AND ended_at IS NULL", family);
        update("UPDATE refresh_token SET revoked_at = now() WHERE family = ? AND revoked_at IS NULL", family);
    }

    /**
     * Ends every sign-in of the account, as {@link #revokeFamily} ends one: the session rows locked
     * first, in one order, so a refresh racing this waits and then finds its sign-in ended, or
     * finishes first and has its new token revoked here.
     */
    void revokeAll(UUID account) {
        jdbc.prepareStatement("SELECT 1 FROM account_session WHERE account_id = ? ORDER BY id FOR UPDATE", ps -> {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // locked
                }
            }
            return null;
        });
        update("UPDATE account_session SET ended_at = now() WHERE account_id = ? AND ended_at IS NULL", account);
        update("UPDATE refresh_token SET revoked_at = now() WHERE account_id = ? AND revoked_at IS NULL", account);
    }

    /** Marks the account's address proved, when it is still that address (a code proves the inbox it was mailed to). */
    boolean markVerified(UUID account, String address) {
        return jdbc.prepareStatement("""
                UPDATE account SET email_verified_at = coalesce(email_verified_at, now())
                WHERE id = ? AND email = ? AND deleted_at IS NULL""", ps -> {
            ps.setObject(1, account);
            ps.setString(2, address);
            return ps.executeUpdate() == 1;
        });
    }

    /**
     * Moves the account to a proved address; false when another account has it. A sign-up with the
     * address committing meanwhile fails this on the unique index, after the check: the savepoint
     * keeps the caller's transaction usable, so that is a false too, never an error.
     */
    boolean moveTo(UUID account, String address) {
        return jdbc.execute(connection -> {
            Savepoint before = connection.setSavepoint();
            try (PreparedStatement ps = connection.prepareStatement("""
                    UPDATE account SET email = ?, email_verified_at = now()
                    WHERE id = ? AND deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM account WHERE email = ?)""")) {
                ps.setString(1, address);
                ps.setObject(2, account);
                ps.setString(3, address);
                boolean moved = ps.executeUpdate() == 1;
                connection.releaseSavepoint(before);
                return moved;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(before);
                return false;
            }
        });
    }

    /** Forgets refresh tokens that expired a while ago; nothing can use them. */
    int purgeExpired(Instant before) {
        return jdbc.prepareStatement("DELETE FROM refresh_token WHERE expires_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
    }

    private Optional<Stored> one(String sql, Object key) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs)) : Optional.empty();
            }
        });
    }

    private void update(String sql, UUID account) {
        jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, account);
            return ps.executeUpdate();
        });
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), rs.getBoolean(6), rs.getString(7));
    }
}
