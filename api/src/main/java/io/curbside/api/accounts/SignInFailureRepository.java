package io.curbside.api.accounts;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** Runs of failed sign-ins by address hash ({@code sign_in_failure}). Callers hold the transaction. */
@Singleton
class SignInFailureRepository {

    /** A run as stored: its attempts so far and when the next may be checked. */
    record Run(int failures, Instant nextAllowedAt) {
    }

    private final JdbcOperations jdbc;

    SignInFailureRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The address's run, locked until the transaction ends; an empty run is made first if there is
     * none, so two nodes taking the first turn at once both wait on the one row.
     */
    Run lock(byte[] addressHash, Instant now) {
        jdbc.prepareStatement("""
                INSERT INTO sign_in_failure (address_hash, failures, last_failed_at, next_allowed_at)
                VALUES (?, 0, ?, ?) ON CONFLICT (address_hash) DO NOTHING""", ps -> {
            ps.setBytes(1, addressHash);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            return ps.executeUpdate();
        });
        return jdbc.prepareStatement(
                "SELECT failures, next_allowed_at FROM sign_in_failure WHERE address_hash = ? FOR UPDATE", ps -> {
                    ps.setBytes(1, addressHash);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return new Run(rs.getInt(1), rs.getTimestamp(2).toInstant());
                    }
                });
    }

    void count(byte[] addressHash, int failures, Instant now, Instant nextAllowedAt) {
        jdbc.prepareStatement("""
                UPDATE sign_in_failure SET failures = ?, last_failed_at = ?, next_allowed_at = ?
                WHERE address_hash = ?""", ps -> {
            ps.setInt(1, failures);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(nextAllowedAt));
            ps.setBytes(4, addressHash);
            return ps.executeUpdate();
        });
    }

    /** Marks the owner told, if the run is long enough and they were not told within the period; true if marked. */
    boolean markOwnerTold(byte[] addressHash, int after, Instant now, Duration every) {
        return jdbc.prepareStatement("""
                UPDATE sign_in_failure SET owner_told_at = ?
                WHERE address_hash = ? AND failures >= ? AND (owner_told_at IS NULL OR owner_told_at <= ?)""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setBytes(2, addressHash);
            ps.setInt(3, after);
            ps.setTimestamp(4, Timestamp.from(now.minus(every)));
            return ps.executeUpdate() == 1;
        });
    }

    /** Forgets the address's run: its owner signed in. */
    void forget(byte[] addressHash) {
        jdbc.prepareStatement("DELETE FROM sign_in_failure WHERE address_hash = ?", ps -> {
            ps.setBytes(1, addressHash);
            return ps.executeUpdate();
        });
    }

    /** Deletes runs whose wait ended before then and whose owner was not told since; returns how many. */
    int purge(Instant endedBefore, Instant toldBefore) {
        return jdbc.prepareStatement("""
                DELETE FROM sign_in_failure WHERE next_allowed_at < ?
                  AND (owner_told_at IS NULL OR owner_told_at < ?)""", ps -> {
            ps.setTimestamp(1, Timestamp.from(endedBefore));
            ps.setTimestamp(2, Timestamp.from(toldBefore));
            return ps.executeUpdate();
        });
    }
}
