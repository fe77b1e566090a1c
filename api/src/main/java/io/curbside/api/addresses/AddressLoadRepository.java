package io.curbside.api.addresses;

import io.curbside.geo.address.AddressNormalizer;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of an import: the file's rows go by COPY into a temporary table, then one statement
 * each replaces the stored addresses (those inside the city only) and their streets. All of it in
 * the caller's transaction, so a failed import changes nothing.
 */
@Singleton
class AddressLoadRepository {

    private final JdbcOperations jdbc;

    AddressLoadRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    boolean cityLoaded() {
        return jdbc.prepareStatement("SELECT EXISTS (SELECT 1 FROM jurisdiction)", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    /**
     * A COPY into a new temporary table, dropped at commit; its socket may wait as long as the
     * import takes (the pool's socketTimeout, 30 s, is for requests, and a million rows' INSERT
     * takes longer), set back when the copy's transaction is done with {@link Copy#restore()}.
     */
    Copy copy() {
        try {
            Connection connection = jdbc.getConnection();
            try (Statement s = connection.createStatement()) {
                s.execute("""
                        CREATE TEMPORARY TABLE address_load (
                            line bigint NOT NULL, place text NOT NULL, official_id text NOT NULL, number text NOT NULL,
                            number_value integer NOT NULL, unit text NOT NULL, street text NOT NULL,
                            street_normalized text NOT NULL, normalized text NOT NULL, city text NOT NULL,
                            postcode text NOT NULL, lon double precision NOT NULL, lat double precision NOT NULL
                        ) ON COMMIT DROP""");
            }
            int timeout = connection.getNetworkTimeout();
            connection.setNetworkTimeout(Runnable::run, 0);
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY address_load FROM STDIN (FORMAT text)");
            return new Copy(connection, in, timeout);
        } catch (SQLException e) {
            throw new IllegalStateException("could not start the address COPY", e);
        }
    }

    /** A COPY under way: rows in PostgreSQL's text format, one per line. */
    static final class Copy {
        private final Connection connection;
        private final CopyIn in;
        private final int timeout;

        private Copy(Connection connection, CopyIn in, int timeout) {
            this.connection = connection;
            this.in = in;
            this.timeout = timeout;
        }

        void write(byte[] rows, int length) {
            try {
                in.writeToCopy(rows, 0, length);
            } catch (SQLException e) {
                throw new IllegalStateException("the address COPY failed", e);
            }
        }

        void end() {
            try {
                in.endCopy();
            } catch (SQLException e) {
                throw new IllegalStateException("the address COPY failed", e);
            }
        }

        /** Ends a copy that failed on the way, so the transaction can be rolled back. */
        void cancel() {
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException e) {
                    // The rollback that follows ends it all the same.
                }
            }
        }

        void restore() {
            try {
                connection.setNetworkTimeout(Runnable::run, timeout);
            } catch (SQLException e) {
                throw new IllegalStateException("could not set the socket timeout back", e);
            }
        }
    }

    record Duplicate(String where, String officialId, String first) {
    }

    /** Official ids the file gives twice: each line after the first, in file order. */
    List<Duplicate> duplicates(int limit) {
        return jdbc.prepareStatement("""
                SELECT place, official_id, first, n FROM (
                    SELECT line, place, official_id, first_value(place) OVER (PARTITION BY official_id ORDER BY line) AS first,
                           row_number() OVER (PARTITION BY official_id ORDER BY line) AS n
                    FROM address_load
                    WHERE official_id IN (SELECT official_id FROM address_load GROUP BY official_id HAVING count(*) > 1)
                ) d
                WHERE n > 1
                ORDER BY line
                LIMIT ?""", ps -> {
            ps.setInt(1, limit);
            List<Duplicate> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong("n") > 1) {
                        out.add(new Duplicate(rs.getString("place"), rs.getString("official_id"), rs.getString("first")));
                    }
                }
            }
            return out;
        });
    }

    record Replaced(long loaded, long streets) {
    }

    /**
     * Replaces the stored addresses with the loaded ones inside the city. DELETE, not TRUNCATE:
     * searches go on reading the old addresses until this commits, rather than wait for it.
     */
    Replaced replace() {
        jdbc.prepareStatement("DELETE FROM address", ps -> ps.executeUpdate());
        jdbc.prepareStatement("DELETE FROM address_street", ps -> ps.executeUpdate());
        // ST_Covers: a point on the boundary is inside, as for reports. The boundary is the same
        // value for every row, so PostGIS prepares it once (an index of its edges) for the million tests.
        long loaded = jdbc.prepareStatement("""
                INSERT INTO address (official_id, number, number_value, unit, street, street_normalized, normalized,
                                     city, postcode, location)
                SELECT l.official_id, l.number, l.number_value, l.unit, l.street, l.street_normalized, l.normalized,
                       l.city, l.postcode, ST_SetSRID(ST_MakePoint(l.lon, l.lat), 4326)
                FROM address_load l, jurisdiction j
                WHERE ST_Covers(j.boundary, ST_SetSRID(ST_MakePoint(l.lon, l.lat), 4326))
                ORDER BY l.street_normalized, l.number_value""", ps -> (long) ps.executeUpdate());
        List<String> names = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        jdbc.prepareStatement("SELECT street_normalized, count(*) FROM address GROUP BY street_normalized", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    counts.add(rs.getInt(2));
                }
            }
            return null;
        });
        jdbc.prepareStatement("""
                INSERT INTO address_street (name, core, sound, addresses)
                SELECT name, core, dmetaphone(core), addresses FROM unnest(?::text[], ?::text[], ?::int[]) AS s (name, core, addresses)""",
                ps -> {
                    Connection c = ps.getConnection();
                    ps.setArray(1, c.createArrayOf("text", names.toArray()));
                    ps.setArray(2, c.createArrayOf("text", names.stream().map(AddressNormalizer::core).toArray()));
                    ps.setArray(3, c.createArrayOf("int4", counts.toArray()));
                    return ps.executeUpdate();
                });
        long streets = names.size();
        // The planner's statistics of a table that was just replaced whole are those of the old one.
        jdbc.prepareStatement("ANALYZE address", ps -> ps.execute());
        jdbc.prepareStatement("ANALYZE address_street", ps -> ps.execute());
        return new Replaced(loaded, streets);
    }

    record Outside(String where, String officialId, double lat, double lon) {
    }

    /** Loaded points outside the city, in file order; asked only when some were left out. */
    List<Outside> outside(int limit) {
        return jdbc.prepareStatement("""
                SELECT l.place, l.official_id, l.lat, l.lon
                FROM address_load l, jurisdiction j
                WHERE NOT ST_Covers(j.boundary, ST_SetSRID(ST_MakePoint(l.lon, l.lat), 4326))
                ORDER BY l.line
                LIMIT ?""", ps -> {
            ps.setInt(1, limit);
            List<Outside> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Outside(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4)));
                }
            }
            return out;
        });
    }
}
