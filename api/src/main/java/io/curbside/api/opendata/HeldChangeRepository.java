package io.curbside.api.opendata;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;

/**
 * The SQL of the rows held out of the change feed (V21's {@code held_on}): changes to requests of
 * classes that publish dates only, which enter the feed together once the city's day is over.
 */
@Singleton
class HeldChangeRepository {

    /** The advisory lock of the release: one node does it, the others find it taken and skip. */
    private static final String LOCK = "curbside opendata held changes release";

    private final JdbcOperations jdbc;

    HeldChangeRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * In the caller's transaction: takes the release lock, or answers -1 where another node holds it;
     * then re-stamps every row held since a day of the city that is over with this transaction's id (all
     * of them at one place in the feed, after every row the feed has shown), lists those never listed
     * (V24), and answers how many. Rows held today wait: one filed a minute after midnight and released
     * with yesterday's would tell its minute.
     */
    int releaseAfterTheDay() {
        boolean locked = jdbc.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))", ps -> {
            ps.setString(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
        if (!locked) {
            return -1;
        }
        return jdbc.prepareStatement("""
                UPDATE opendata.published_request SET changed_xid = pg_current_xact_id(), held_on = NULL, listed = true
                WHERE held_on < (now() AT TIME ZONE coalesce((SELECT timezone FROM business_calendar), 'UTC'))::date""",
                ps -> ps.executeUpdate());
    }
}
