import io.curbside.geo.address.AddressNormalizer;
import io.curbside.geo.address.AddressQuery;
import io.curbside.geo.address.HouseNumber;

import java.io.BufferedReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures GET /v1/addresses and /v1/addresses/reverse one request at a time (latency, not
 * throughput), each beside the SQL the service runs for it over JDBC (the ceiling), on queries made
 * from a sample of the imported file: typed exactly, written out, with a typo, without the street
 * type, with a unit, a number between two known ones, and half-typed. Also says how often the first
 * answer is the address meant. Run by script/bench.d/addresses.sh:
 *   java -cp APP_JAR AddressBench.java BASE_URL JDBC_URL DB_USER FILE.csv
 */
class AddressBench {

    private static final int SAMPLE = 3_000;
    private static final int WARM_UP = 400;
    private static final String[] KINDS = {"exact", "written out", "typo", "no type", "unit", "between", "half-typed"};

    record Row(double lon, double lat, int number, String street, String unit) {
    }

    record Query(String kind, String text, String expected) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<Row> rows = sample(Path.of(args[3]));
        Random random = new Random(7);
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            queries.add(query(KINDS[i % KINDS.length], rows.get(i), random));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (Connection db = DriverManager.getConnection(args[1], args[2], System.getenv().getOrDefault("PGPASSWORD", ""))) {
            db.setAutoCommit(false);
            for (int i = 0; i < WARM_UP; i++) {
                Query q = queries.get(i % queries.size());
                get(http, base + "/v1/addresses?q=" + URLEncoder.encode(q.text(), StandardCharsets.UTF_8));
                sql(db, q.text());
            }
            long[] httpSearch = new long[queries.size()];
            long[] sqlSearch = new long[queries.size()];
            Map<String, int[]> hits = new LinkedHashMap<>();
            for (int i = 0; i < queries.size(); i++) {
                Query q = queries.get(i);
                long t = System.nanoTime();
                String body = get(http, base + "/v1/addresses?q=" + URLEncoder.encode(q.text(), StandardCharsets.UTF_8));
                httpSearch[i] = System.nanoTime() - t;
                t = System.nanoTime();
                sql(db, q.text());
                sqlSearch[i] = System.nanoTime() - t;
                int[] h = hits.computeIfAbsent(q.kind(), k -> new int[2]);
                h[1]++;
                if (body.contains("\"label\":\"" + q.expected() + "\"") && body.indexOf("\"label\":\"" + q.expected() + "\"")
                        == body.indexOf("\"label\":\"")) {
                    h[0]++;
                }
            }
            long[] httpReverse = new long[rows.size()];
            long[] sqlReverse = new long[rows.size()];
            int found = 0;
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                double lat = r.lat() + (random.nextDouble() - 0.5) * 0.0004;
                double lon = r.lon() + (random.nextDouble() - 0.5) * 0.0004;
                long t = System.nanoTime();
                String body = get(http, String.format(Locale.ROOT, "%s/v1/addresses/reverse?lat=%.7f&lon=%.7f", base, lat, lon));
                httpReverse[i] = System.nanoTime() - t;
                found += body.contains("\"distance\"") ? 1 : 0;
                t = System.nanoTime();
                nearest(db, lat, lon);
                sqlReverse[i] = System.nanoTime() - t;
            }
            System.out.printf("%n%-38s %9s %9s %9s%n", "one request at a time, " + queries.size() + " each", "p50 ms", "p95 ms",
                    "p99 ms");
            line("GET /v1/addresses?q= (HTTP)", httpSearch);
            line("  its SQL (streets, then numbers)", sqlSearch);
            line("GET /v1/addresses/reverse (HTTP)", httpReverse);
            line("  its SQL (KNN within 50 m)", sqlReverse);
            System.out.printf("%nFirst answer is the address meant:%n");
            hits.forEach((kind, h) -> System.out.printf("  %-12s %4d of %4d (%.0f%%)%n", kind, h[0], h[1], 100.0 * h[0] / h[1]));
            System.out.printf("Reverse: an address within 50 m for %d of %d points (each within about 25 m of one)%n", found,
                    rows.size());
        }
    }

    private static Query query(String kind, Row r, Random random) {
        String street = AddressNormalizer.street(r.street());
        String core = AddressNormalizer.core(street);
        String exact = r.number() + " " + street;
        return switch (kind) {
            case "written out" -> new Query(kind, r.number() + " " + street.replaceFirst("^N ", "North ")
                    .replaceFirst("^S ", "South ").replaceFirst("^E ", "East ").replaceFirst("^W ", "West ")
                    .replaceFirst(" ST$", " Street").replaceFirst(" AVE$", " Avenue").replaceFirst(" RD$", " Road")
                    .replaceFirst(" BLVD$", " Boulevard").replaceFirst(" DR$", " Drive").toLowerCase(Locale.ROOT), exact);
            case "typo" -> new Query(kind, r.number() + " " + typo(street, core, random).toLowerCase(Locale.ROOT), exact);
            case "no type" -> new Query(kind, r.number() + " " + street.substring(0, street.lastIndexOf(' ')), exact);
            case "unit" -> r.unit().isEmpty() ? new Query(kind, exact.toLowerCase(Locale.ROOT), exact)
                    : new Query(kind, exact + " " + r.unit().toLowerCase(Locale.ROOT), exact + " " + AddressNormalizer.unit(r.unit()));
            case "between" -> {
                // Every seventh lot is missing from the synthetic file: its number is interpolated.
                int lot = Math.max(7, (r.number() / 2) / 7 * 7);
                int number = 2 * lot + r.number() % 2;
                yield new Query(kind, number + " " + street, number + " " + street);
            }
            case "half-typed" -> new Query(kind, (r.number() + " " + street).substring(0,
                    Math.max(String.valueOf(r.number()).length() + 3, (r.number() + " " + street).length() - 4)), exact);
            default -> new Query(kind, exact.toLowerCase(Locale.ROOT), exact);
        };
    }

    /** Two neighbouring letters of the street's core swapped. */
    private static String typo(String street, String core, Random random) {
        int at = street.indexOf(core);
        int i = at + 1 + random.nextInt(Math.max(1, core.length() - 2));
        char[] c = street.toCharArray();
        if (i + 1 < c.length && Character.isLetter(c[i]) && Character.isLetter(c[i + 1])) {
            char t = c[i];
            c[i] = c[i + 1];
            c[i + 1] = t;
        }
        return new String(c);
    }

    private static List<Row> sample(Path file) throws Exception {
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        long seen = 0;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                seen++;
                int slot = rows.size() < SAMPLE ? rows.size() : (int) (random.nextDouble() * seen);
                if (slot < SAMPLE) {
                    String[] f = line.split(",", -1);
                    Row row = new Row(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Integer.parseInt(f[2]), f[3], f[4]);
                    if (slot == rows.size()) {
                        rows.add(row);
                    } else {
                        rows.set(slot, row);
                    }
                }
            }
        }
        return rows;
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 404) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** What AddressSearch runs for q (addresses.AddressRepository's statements). */
    private static void sql(Connection db, String text) throws Exception {
        AddressQuery q = AddressQuery.parse(text);
        String core = AddressNormalizer.core(q.street());
        String sound = core.chars().anyMatch(Character::isDigit) ? null : core;
        String score = """
                word_similarity(?, name) + similarity(?, core) + CASE WHEN core = ? THEN 0.6 ELSE 0 END
                  + CASE WHEN name LIKE ? OR core LIKE ? THEN 0.3 ELSE 0 END + CASE WHEN sound = dmetaphone(?) THEN 0.2 ELSE 0 END""";
        List<String> streets = streets(db, "SELECT name, " + score + " AS score FROM address_street "
                + "WHERE core = ? OR name LIKE ? OR core LIKE ? ORDER BY score DESC, addresses DESC, name LIMIT 5",
                q.street(), core, sound, core, q.street() + "%", core + "%");
        if (streets.isEmpty()) {
            try (PreparedStatement ps = db.prepareStatement("SELECT set_config('pg_trgm.word_similarity_threshold', '0.4', true)")) {
                ps.execute();
            }
            streets = streets(db, "SELECT name, " + score + " AS score FROM address_street "
                    + "WHERE ? <% name OR core % ? OR sound = dmetaphone(?) ORDER BY score DESC, addresses DESC, name LIMIT 5",
                    q.street(), core, sound, q.street(), core, sound);
        }
        int number = q.number().map(HouseNumber::value).orElse(0);
        try (PreparedStatement ps = db.prepareStatement("""
                WITH s(name) AS (SELECT unnest(?::text[]))
                SELECT s.name, a.* FROM s, LATERAL (SELECT official_id, normalized, number_value, unit, ST_Y(location), ST_X(location)
                    FROM address WHERE street_normalized = s.name AND number_value = ? ORDER BY unit, number LIMIT 20) a
                UNION ALL SELECT s.name, a.* FROM s, LATERAL (SELECT official_id, normalized, number_value, unit, ST_Y(location), ST_X(location)
                    FROM address WHERE street_normalized = s.name AND number_value < ? AND number_value % 2 = ? % 2 ORDER BY number_value DESC LIMIT 1) a
                UNION ALL SELECT s.name, a.* FROM s, LATERAL (SELECT official_id, normalized, number_value, unit, ST_Y(location), ST_X(location)
                    FROM address WHERE street_normalized = s.name AND number_value > ? AND number_value % 2 = ? % 2 ORDER BY number_value LIMIT 1) a
                UNION ALL SELECT s.name, a.* FROM s, LATERAL (SELECT official_id, normalized, number_value, unit, ST_Y(location), ST_X(location)
                    FROM address WHERE street_normalized = s.name AND number_value < ? ORDER BY number_value DESC, unit LIMIT 5) a
                UNION ALL SELECT s.name, a.* FROM s, LATERAL (SELECT official_id, normalized, number_value, unit, ST_Y(location), ST_X(location)
                    FROM address WHERE street_normalized = s.name AND number_value > ? ORDER BY number_value, unit LIMIT 5) a""")) {
            ps.setArray(1, db.createArrayOf("text", streets.toArray()));
            for (int i = 2; i <= 8; i++) {
                ps.setInt(i, number);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString(2);
                }
            }
        }
        db.commit();
    }

    /** The statement of addresses.AddressRepository.streets: the score's six values, then the WHERE's three. */
    private static List<String> streets(Connection db, String sql, String typed, String core, String sound, String a,
                                        String b, String c) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            String[] values = {typed, core, core, typed + "%", core + "%", sound, a, b, c};
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static void nearest(Connection db, double lat, double lon) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("""
                WITH q AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS p)
                SELECT a.official_id, a.normalized, ST_Y(a.location), ST_X(a.location), ST_Distance(a.location::geography, q.p)
                FROM address a, q WHERE ST_DWithin(a.location::geography, q.p, 50)
                ORDER BY a.location::geography <-> q.p LIMIT 1""")) {
            ps.setDouble(1, lon);
            ps.setDouble(2, lat);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
        db.commit();
    }

    private static void line(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-38s %9.2f %9.2f %9.2f%n", label, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99));
    }

    private static double ms(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
