package io.curbside.api.opendata.query;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SQL the query layer writes, run on PostGIS over a table shaped like the published request
 * (PublishedRequestQueriesTest.sql): each filter returns exactly the rows it should.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishedRequestQueriesTest {

    private Connection connection;

    @BeforeAll
    void createTheTable() throws Exception {
        connection = TestDatabase.freshDatabase(getClass().getSimpleName()).connect();
        try (InputStream in = getClass().getResourceAsStream("PublishedRequestQueriesTest.sql");
             Statement statement = connection.createStatement()) {
            statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    void close() throws SQLException {
        connection.close();
    }

    /** Tracking numbers of the rows the condition selects, in order. */
    List<String> select(SqlFragment where) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT tracking_number FROM query_test.published_request WHERE " + where.sql() + " ORDER BY tracking_number")) {
            for (int i = 0; i < where.values().size(); i++) {
                statement.setObject(i + 1, where.values().get(i).jdbcValue());
            }
            List<String> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1).substring(3));
                }
            }
            return found;
        }
    }

    private List<String> filter(String cql) throws SQLException {
        return select(new FilterTranslator(Queryables.PUBLISHED_REQUEST).translate(Cql2Parser.parse(cql)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "service_code = 'pothole'                                                     | 0001 0003",
        "service_code <> 'pothole'                                                    | 0002 0004",
        "district = 'D1'                                                              | 0001 0003",
        "district <> 'D1'                                                             | 0002 0004",
        "district IN ('W1', 'D2')                                                     | 0001 0002",
        "district IS NULL                                                             | 0004",
        "NOT status = 'open' AND me_too_count > 3 OR channel = 'app'                  | 0002 0003 0004",
        "NOT (status = 'open' AND me_too_count > 3 OR channel = 'app')                | 0001 0003",
        "status = 'open' OR status = 'closed' AND channel = 'web'                     | 0001 0003 0004",
        "(status = 'open' OR status = 'closed') AND channel = 'web'                   | 0003",
        "received_at = DATE('2026-03-01')                                             | 0001 0002",
        "received_at < DATE('2026-03-01')                                             | 0004",
        "received_at > DATE('2026-03-01')                                             | 0003",
        "received_at BETWEEN TIMESTAMP('2026-03-01T12:00:00Z') AND DATE('2026-03-02') | 0002 0003",
        "received_at >= TIMESTAMP('2026-03-01T10:00:00Z')                             | 0001 0002 0003",
        "closed_at IS NULL                                                            | 0001 0004",
        "description LIKE '%\\%%'                                                     | 0002",
        "description LIKE '%ugly\\_%'                                                 | 0002",
        "description LIKE '%O''Brien%'                                                | 0001",
        "description LIKE 'light _ut'                                                 | 0004",
        "description NOT LIKE '%o%'                                                   | 0002",
        "me_too_count BETWEEN 1 AND 3                                                 | 0002 0004",
        "me_too_count NOT IN (0, 5)                                                   | 0002 0004",
        "on_time = FALSE                                                              | 0002",
        "on_time IS NULL                                                              | 0003",
        "department IN ('Roads') OR department IS NULL                                | 0001 0003 0004",
        "S_INTERSECTS(geometry, BBOX(-74, 40.7, -73.5, 40.8))                         | 0001",
        "S_INTERSECTS(geometry, POLYGON((-73.5 40.5, -73.3 40.5, -73.3 40.7, -73.5 40.7, -73.5 40.5)))    | 0002",
        "S_INTERSECTS(geometry, POLYGON((9 49, 11 49, 11 51, 9 51, 9 49), (9.9 49.9, 10.1 49.9, 10.1 50.1, 9.9 50.1, 9.9 49.9))) | ``",
        "geometry IS NULL                                                             | 0003",
        "status = 'x''; DROP TABLE query_test.published_request; --'                  | ``",
        "status = 'open' OR 1 = 1                                                     | ERROR",
    })
    void eachFilterSelectsItsRows(String cql, String expected) throws SQLException {
        if (expected.equals("ERROR")) {
            assertThrows(ProblemException.class, () -> filter(cql));
            return;
        }
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ")), filter(cql), cql);
        assertEquals(4, select(SqlFragment.ALWAYS).size(), "the table is still there, with its four rows");
    }

    private final ItemsParameters items = new ItemsParameters(Queryables.PUBLISHED_REQUEST,
            new PageCursors("a key for the tests, 32 bytes ok".getBytes(StandardCharsets.US_ASCII)));

    record Row(String trackingNumber, Instant receivedAt) {
    }

    /** One page the way a route reads it: the query's condition, order and limit, turned round when read backwards. */
    private List<Row> page(String... parameters) throws SQLException {
        Map<String, List<String>> query = new HashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            query.put(parameters[i], List.of(parameters[i + 1]));
        }
        ItemsQuery items = this.items.read(query, Set.of());
        SqlFragment sql = items.whereOrderLimit(items.limit());
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT tracking_number, received_at FROM query_test.published_request " + sql.sql())) {
            for (int i = 0; i < sql.values().size(); i++) {
                statement.setObject(i + 1, sql.values().get(i).jdbcValue());
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getObject(2, OffsetDateTime.class).toInstant()));
                }
            }
            if (items.backwards()) {
                Collections.reverse(rows);
            }
            return rows;
        }
    }

    private static List<String> numbers(List<Row> rows) {
        return rows.stream().map(r -> r.trackingNumber().substring(3)).toList();
    }

    @Test
    void theItemsParametersSelectTheirRows() throws SQLException {
        assertEquals(List.of("0004", "0001", "0002", "0003"), numbers(page()), "oldest first");
        assertEquals(List.of("0001"), numbers(page("bbox", "-74,40.7,-73.5,40.8", "bbox-crs", ItemsParameters.CRS84)));
        assertEquals(List.of("0001", "0002"), numbers(page("datetime", "2026-03-01")));
        assertEquals(List.of("0004", "0001", "0002"), numbers(page("datetime", "../2026-03-01")));
        assertEquals(List.of("0002", "0003"), numbers(page("datetime", "2026-03-01T23:30:00Z/")));
        assertEquals(List.of("0002"), numbers(page("datetime", "2026-03-01T23:30:00Z")));
        assertEquals(List.of("0004", "0002"), numbers(page("channel", "app,web", "status", "closed,open",
                "filter", "me_too_count < 5")));
        assertEquals(List.of("0002"), numbers(page("channel", "app,web", "district", "D2,D9", "filter", "me_too_count < 5")));
        assertEquals(List.of("0001", "0003"), numbers(page("district", "D1", "service_code", "pothole,graffiti")));
        assertEquals(List.of("0001"), numbers(page("limit", "1", "datetime", "2026-03-01/..")));
    }

    /**
     * The bbox is read as {@code point(location) <@ box} (which V25's point index answers from the index alone) and
     * estimated as PostGIS's {@code ST_Intersects}: both must select the same rows, by the index or without it. Points
     * on a city's grid of cells, and boxes whose edges fall on a point, one ulp either side of one, or between.
     */
    @Test
    void aBboxSelectsByNativePointExactlyTheRowsPostgisDoes() throws SQLException {
        Random random = new Random(25);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 40; j++) {
                points.add(new double[] {-73.6 + i * 0.0007, 40.7 + j * 0.0005});
            }
        }
        points.add(new double[] {180, 90});
        points.add(new double[] {-180, -90});
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE query_test.bbox_points (id int, location geometry(Point, 4326))");
            statement.execute("CREATE INDEX ON query_test.bbox_points USING gist (point(location)) INCLUDE (id, location)");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO query_test.bbox_points VALUES (?, ST_SetSRID(ST_MakePoint(?, ?), 4326)), (?, NULL)")) {
            for (int i = 0; i < points.size(); i++) {
                insert.setInt(1, i);
                insert.setDouble(2, points.get(i)[0]);
                insert.setDouble(3, points.get(i)[1]);
                insert.setInt(4, -i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE query_test.bbox_points");
        }
        FilterTranslator read = new FilterTranslator(Queryables.PUBLISHED_REQUEST);
        FilterTranslator estimated = FilterTranslator.forEstimates(Queryables.PUBLISHED_REQUEST);
        List<double[]> boxes = new ArrayList<>();
        boxes.add(new double[] {-180, -90, 180, 90});
        boxes.add(new double[] {points.get(41)[0], 40.7, points.get(41)[0], 40.8}); // a line, through a column of points
        for (int n = 0; n < 150; n++) {
            double[] a = points.get(random.nextInt(points.size() - 2));
            double[] b = points.get(random.nextInt(points.size() - 2));
            if (a == b) {
                continue;
            }
            double[] box = {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])};
            switch (n % 4) {
                case 1 -> box = box[0] < box[2] && box[1] < box[3]
                        ? new double[] {Math.nextUp(box[0]), Math.nextUp(box[1]), Math.nextDown(box[2]), Math.nextDown(box[3])} : box;
                case 2 -> box = new double[] {Math.nextDown(box[0]), Math.nextDown(box[1]), Math.nextUp(box[2]), Math.nextUp(box[3])};
                case 3 -> box = new double[] {box[0] + 0.00035, box[1] + 0.00025, box[2] + 0.00035, box[3] + 0.00025};
                default -> { }
            }
            boxes.add(box);
        }
        int nonEmpty = 0;
        for (double[] box : boxes) {
            Filter bbox = new Filter.Intersects("geometry", new Filter.Envelope(new io.curbside.geo.Bbox(box[0], box[1], box[2], box[3])));
            List<Integer> byPostgis = ids(estimated.translate(bbox), false);
            assertEquals(byPostgis, ids(read.translate(bbox), false), java.util.Arrays.toString(box));
            assertEquals(byPostgis, ids(read.translate(bbox), true), "by the point index: " + java.util.Arrays.toString(box));
            nonEmpty += byPostgis.isEmpty() ? 0 : 1;
        }
        assertTrue(nonEmpty > 100, nonEmpty + " boxes of " + boxes.size() + " held a point");
        // The one difference, on purpose: a bbox shrunk to a point finds the requests there. PostGIS makes it a
        // collapsed polygon that GEOS finds nothing in, so ST_Intersects answered no request at all.
        Filter atAPoint = new Filter.Intersects("geometry", new Filter.Envelope(new io.curbside.geo.Bbox(180, 90, 180, 90)));
        assertEquals(List.of(points.size() - 2), ids(read.translate(atAPoint), false));
        assertEquals(List.of(points.size() - 2), ids(read.translate(atAPoint), true));
    }

    private List<Integer> ids(SqlFragment where, boolean byIndex) throws SQLException {
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET enable_seqscan = " + !byIndex);
            settings.execute("SET enable_bitmapscan = " + !byIndex);
        }
        String sql = "SELECT id FROM query_test.bbox_points WHERE " + where.sql() + " ORDER BY id";
        try (PreparedStatement statement = connection.prepareStatement(sql);
             PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < where.values().size(); i++) {
                statement.setObject(i + 1, where.values().get(i).jdbcValue());
                explain.setObject(i + 1, where.values().get(i).jdbcValue());
            }
            if (byIndex) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet lines = explain.executeQuery()) {
                    while (lines.next()) {
                        plan.append(lines.getString(1)).append('\n');
                    }
                }
                assertTrue(plan.toString().contains("Index Only Scan"), plan.toString());
            }
            List<Integer> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getInt(1));
                }
            }
            return found;
        } finally {
            try (Statement settings = connection.createStatement()) {
                settings.execute("RESET enable_seqscan");
                settings.execute("RESET enable_bitmapscan");
            }
        }
    }

    @Test
    void aWalkByCursorSeesEveryRowOnceWhileNewRowsArriveAndGoesBackToo() throws SQLException {
        List<String> seen = new ArrayList<>();
        List<Row> page = page("limit", "1");
        String previousOfSecondPage = null;
        while (!page.isEmpty()) {
            seen.add(page.get(0).trackingNumber().substring(3));
            if (seen.size() == 2) {
                previousOfSecondPage = items.previous(page.get(0).receivedAt(), page.get(0).trackingNumber());
                try (Statement statement = connection.createStatement()) {
                    // One filed meanwhile, and one that came in late with an older time: neither shifts the walk.
                    statement.execute("INSERT INTO query_test.published_request (tracking_number, service_code, service_name, "
                            + "status, received_at, updated_at, channel) VALUES "
                            + "('CS-0005', 'pothole', 'Pothole', 'open', '2026-03-09T00:00:00Z', now(), 'app'), "
                            + "('CS-0006', 'pothole', 'Pothole', 'open', '2026-01-01T00:00:00Z', now(), 'app')");
                }
            }
            Row last = page.get(page.size() - 1);
            page = page("limit", "1", "cursor", items.next(last.receivedAt(), last.trackingNumber()));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM query_test.published_request WHERE tracking_number IN ('CS-0005', 'CS-0006')");
        }
        assertEquals(List.of("0004", "0001", "0002", "0003", "0005"), seen);
        assertEquals(List.of("0004"), numbers(page("limit", "5", "cursor", previousOfSecondPage)));
        Row third = page("limit", "3").get(2);
        assertEquals(List.of("0004", "0001"), numbers(page("limit", "5", "cursor", items.previous(third.receivedAt(),
                third.trackingNumber()))), "going back returns the rows in their order, not reversed");
        assertEquals(List.of("0001"), numbers(page("limit", "1", "cursor", items.previous(third.receivedAt(),
                third.trackingNumber()))), "the page just before, not the first page");
    }

    @Test
    void randomFiltersOverEveryQueryableEitherRunOrAreRefusedNeverADatabaseError() throws SQLException {
        Random random = new Random(2026);
        List<String> names = new ArrayList<>(Queryables.PUBLISHED_REQUEST.all().stream().map(Queryables.Queryable::name).toList());
        names.add("reporter_email");
        String[] literals = {"'open'", "'O''Brien'", "'%\\%%'", "''", "'D1'", "3", "-1.5", "1e3", "0", "TRUE", "FALSE",
            "TIMESTAMP('2026-03-01T10:00:00Z')", "DATE('2026-03-01')", "'\u202E'"};
        String[] operators = {"=", "<>", "<", ">", "<=", ">="};
        int ran = 0;
        for (int i = 0; i < 3_000; i++) {
            String cql = randomFilter(random, names, literals, operators, 0);
            SqlFragment sql;
            try {
                sql = new FilterTranslator(Queryables.PUBLISHED_REQUEST).translate(Cql2Parser.parse(cql));
            } catch (ProblemException e) {
                assertEquals(ProblemType.INVALID_FILTER, e.type(), cql);
                continue;
            }
            try {
                select(sql);
                ran++;
            } catch (SQLException e) {
                throw new AssertionError(cql + " -> " + sql + " failed in the database: " + e.getMessage(), e);
            }
        }
        assertTrue(ran > 300, "enough of them were well-typed to run: " + ran);
    }

    private static String randomFilter(Random random, List<String> names, String[] literals, String[] operators, int depth) {
        String name = names.get(random.nextInt(names.size()));
        String literal = literals[random.nextInt(literals.length)];
        return switch (random.nextInt(depth > 3 ? 7 : 10)) {
            case 0, 1 -> name + " " + operators[random.nextInt(operators.length)] + " " + literal;
            case 2 -> name + (random.nextBoolean() ? " NOT" : "") + " LIKE " + literal;
            case 3 -> name + (random.nextBoolean() ? " NOT" : "") + " BETWEEN " + literal + " AND "
                    + literals[random.nextInt(literals.length)];
            case 4 -> name + (random.nextBoolean() ? " NOT" : "") + " IN (" + literal + ", " + literals[random.nextInt(literals.length)] + ")";
            case 5 -> name + " IS " + (random.nextBoolean() ? "NOT " : "") + "NULL";
            case 6 -> random.nextBoolean()
                    ? "S_INTERSECTS(" + name + ", BBOX(" + (random.nextInt(360) - 180) + ", -10, 179.5, " + random.nextInt(90) + "))"
                    : "S_INTERSECTS(" + name + ", POLYGON((0 0, " + random.nextInt(3) + " 1, 1 " + random.nextInt(3) + ", 0 0)))";
            case 7 -> "NOT " + randomFilter(random, names, literals, operators, depth + 1);
            case 8 -> "(" + randomFilter(random, names, literals, operators, depth + 1) + " AND "
                    + randomFilter(random, names, literals, operators, depth + 1) + ")";
            default -> randomFilter(random, names, literals, operators, depth + 1) + " OR "
                    + randomFilter(random, names, literals, operators, depth + 1);
        };
    }
}
