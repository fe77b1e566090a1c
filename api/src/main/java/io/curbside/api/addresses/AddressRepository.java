package io.curbside.api.addresses;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of search and reverse geocoding, each one index-driven statement. */
@Singleton
class AddressRepository {

    /** Word similarity a typed street needs (pg_trgm's default is 0.6): "mian st" scores 0.5 on "MAIN ST". */
    private static final String THRESHOLD = "0.4";

    private final JdbcOperations jdbc;

    AddressRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A street that may be the one typed, and how well it matches (0 to 3.1; typed exactly: 3.1 or 2.9). */
    record Street(String name, double score) {
    }

    /** How well a street matches: both similarities, then an exact core, a prefix and a sound. */
    private static final String SCORE = """
            word_similarity(?, name) + similarity(?, core)
              + CASE WHEN core = ? THEN 0.6 ELSE 0 END
              + CASE WHEN name LIKE ? OR core LIKE ? THEN 0.3 ELSE 0 END
              + CASE WHEN sound = dmetaphone(?) THEN 0.2 ELSE 0 END""";

    /**
     * The streets best matching what was typed. First the streets typed exactly, by their core
     * ("main" is N MAIN ST's) or by their beginning, along btrees; only when none is, the fuzzy
     * search: trigrams over the whole name (a typo) or its core, or the same sound. On a few thousand
     * streets the trigram match reads every row, which the first way spares the common case.
     */
    List<Street> streets(String typed, String core, int limit) {
        String namePrefix = like(typed);
        String corePrefix = like(core);
        // A core with a digit ("12TH") has no useful sound: Double Metaphone drops digits ("0" for TH).
        String sound = core.chars().anyMatch(Character::isDigit) ? null : core;
        List<Street> exact = jdbc.prepareStatement("SELECT name, " + SCORE + """
                 AS score FROM address_street
                WHERE core = ? OR name LIKE ? OR core LIKE ?
                ORDER BY score DESC, addresses DESC, name
                LIMIT ?""", ps -> {
            int i = score(ps, typed, core, namePrefix, corePrefix, sound);
            ps.setString(i++, core);
            ps.setString(i++, namePrefix);
            ps.setString(i++, corePrefix);
            ps.setInt(i, limit);
            return read(ps.executeQuery());
        });
        if (!exact.isEmpty()) {
            return exact;
        }
        jdbc.prepareStatement("SELECT set_config('pg_trgm.word_similarity_threshold', ?, true)", ps -> {
            ps.setString(1, THRESHOLD);
            return ps.execute();
        });
        return jdbc.prepareStatement("SELECT name, " + SCORE + """
                 AS score FROM address_street
                WHERE ? <% name OR core % ? OR sound = dmetaphone(?)
                ORDER BY score DESC, addresses DESC, name
                LIMIT ?""", ps -> {
            int i = score(ps, typed, core, namePrefix, corePrefix, sound);
            ps.setString(i++, typed);
            ps.setString(i++, core);
            ps.setString(i++, sound);
            ps.setInt(i, limit);
            return read(ps.executeQuery());
        });
    }

    private static int score(PreparedStatement ps, String typed, String core, String namePrefix, String corePrefix,
                             String sound) throws SQLException {
        ps.setString(1, typed);
        ps.setString(2, core);
        ps.setString(3, core);
        ps.setString(4, namePrefix);
        ps.setString(5, corePrefix);
        ps.setString(6, sound);
        return 7;
    }

    /** A LIKE pattern for what begins with the text. */
    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static List<Street> read(ResultSet rs) throws SQLException {
        try (rs) {
            List<Street> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Street(rs.getString(1), rs.getDouble(2)));
            }
            return out;
        }
    }

    /** An address point; {@code kind} says why it was read: the number asked, or a neighbour of it. */
    record Point(String street, String kind, String officialId, String normalized, int number, String unit,
                 double lat, double lon) {
    }

    /**
     * On each street: the points with the number (every unit), the nearest number below and above
     * on the same side (for interpolation), and the nearest numbers either way. Each part is a short
     * walk of (street_normalized, number_value) from the number.
     */
    List<Point> around(List<String> streets, int number) {
        return jdbc.prepareStatement("""
                WITH s(name) AS (SELECT unnest(?::text[]))
                SELECT s.name, 'exact', a.* FROM s, LATERAL (
                    SELECT official_id, normalized, number_value, unit, ST_Y(location), ST_X(location) FROM address
                    WHERE street_normalized = s.name AND number_value = ? ORDER BY unit, number LIMIT 20) a
                UNION ALL
                SELECT s.name, 'below-side', a.* FROM s, LATERAL (
                    SELECT official_id, normalized, number_value, unit, ST_Y(location), ST_X(location) FROM address
                    WHERE street_normalized = s.name AND number_value < ? AND number_value % 2 = ? % 2
                    ORDER BY number_value DESC LIMIT 1) a
                UNION ALL
                SELECT s.name, 'above-side', a.* FROM s, LATERAL (
                    SELECT official_id, normalized, number_value, unit, ST_Y(location), ST_X(location) FROM address
                    WHERE street_normalized = s.name AND number_value > ? AND number_value % 2 = ? % 2
                    ORDER BY number_value LIMIT 1) a
                UNION ALL
                SELECT s.name, 'below', a.* FROM s, LATERAL (
                    SELECT official_id, normalized, number_value, unit, ST_Y(location), ST_X(location) FROM address
                    WHERE street_normalized = s.name AND number_value < ? ORDER BY number_value DESC, unit LIMIT 5) a
                UNION ALL
                SELECT s.name, 'above', a.* FROM s, LATERAL (
                    SELECT official_id, normalized, number_value, unit, ST_Y(location), ST_X(location) FROM address
                    WHERE street_normalized = s.name AND number_value > ? ORDER BY number_value, unit LIMIT 5) a""",
                ps -> {
                    ps.setArray(1, array(ps.getConnection(), streets));
                    for (int i = 2; i <= 8; i++) {
                        ps.setInt(i, number);
                    }
                    return points(ps.executeQuery());
                });
    }

    /** The lowest numbers of each street: what "main st" lists before a number is typed. */
    List<Point> first(List<String> streets, int limit) {
        return jdbc.prepareStatement("""
                WITH s(name) AS (SELECT unnest(?::text[]))
                SELECT s.name, 'first', a.* FROM s, LATERAL (
                    SELECT official_id, normalized, number_value, unit, ST_Y(location), ST_X(location) FROM address
                    WHERE street_normalized = s.name ORDER BY number_value, unit LIMIT ?) a""", ps -> {
            ps.setArray(1, array(ps.getConnection(), streets));
            ps.setInt(2, limit);
            return points(ps.executeQuery());
        });
    }

    record Nearest(String officialId, String normalized, double lat, double lon, double metres) {
    }

    /**
     * The nearest point within {@code metres}: KNN on the geography index orders by metres, and
     * ST_DWithin bounds it; the distance is on the spheroid (ST_Distance on geography).
     */
    Optional<Nearest> nearest(double lat, double lon, double metres) {
        return jdbc.prepareStatement("""
                WITH q AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS p)
                SELECT a.official_id, a.normalized, ST_Y(a.location), ST_X(a.location), ST_Distance(a.location::geography, q.p)
                FROM address a, q
                WHERE ST_DWithin(a.location::geography, q.p, ?)
                ORDER BY a.location::geography <-> q.p
                LIMIT 1""", ps -> {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            ps.setDouble(3, metres);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Nearest(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5)));
            }
        });
    }

    private static java.sql.Array array(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    private static List<Point> points(ResultSet rs) throws SQLException {
        try (rs) {
            List<Point> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Point(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getDouble(7), rs.getDouble(8)));
            }
            return out;
        }
    }
}
