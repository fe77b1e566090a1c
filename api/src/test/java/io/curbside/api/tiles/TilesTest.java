package io.curbside.api.tiles;

import io.curbside.api.testing.HttpTest;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.micronaut.core.type.Argument;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vector tiles over HTTP, read by a vector-tile reader that is not PostGIS (mapbox-vector-tile-java): the
 * cells of every tile of a zoom add up to the published requests the filter matches, at every cell zoom; the
 * points of the high zooms are the published requests, never a tombstone or a row not yet listed; a sensitive
 * service with fewer than five requests in a cell is in no cell; the TileJSON; the 4xx; ETag, 304, gzip, 204,
 * and a tile that changes as soon as a published row in it does.
 */
@MicronautTest(transactional = false)
class TilesTest extends HttpTest {

    /** The demo city's bounds (its boundary's envelope), and a little around. */
    private static final double WEST = -83.09;
    private static final double SOUTH = 39.94;
    private static final double EAST = -82.91;
    private static final double NORTH = 40.05;
    private static final List<String> STATUSES = List.of("received", "acknowledged", "in_progress", "closed");
    /** Three requests of a sensitive service at one point: fewer than five, in no cell of any zoom. */
    private static final double RARE_LON = -83.05;
    private static final double RARE_LAT = 39.965;

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void publish() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // 240 potholes on a grid over the city, of every status, over 30 days, in districts 1 and 2.
            s.execute("""
                    INSERT INTO opendata.published_request (tracking_number, service_code, service_name, department,
                        districts, district_codes, status, received_at, updated_at, me_too_count, channel, location,
                        location_precision_m, on_time)
                    SELECT 'TT-P-' || g, 'pothole', 'Pothole', 'streets', '{}', ARRAY[(1 + g %% 2)::text],
                        (ARRAY['received', 'acknowledged', 'in_progress', 'closed'])[1 + g %% 4],
                        timestamptz '2026-01-01T13:00:00Z' + (g %% 30) * interval '1 day', now(), 0, 'phone',
                        ST_SetSRID(ST_MakePoint(-83.07 + (g %% 20) * 0.0075, 39.955 + (g / 20) * 0.0075), 4326), 100,
                        g %% 3 = 0
                    FROM generate_series(0, 239) AS g""".formatted());
            sensitive(s, "TT-RARE-", 3, RARE_LON, RARE_LAT);
            sensitive(s, "TT-SENS-", 7, -82.93, 40.03);
            // A tombstone, a row not yet listed (V24) and a row without a point: in no tile.
            s.execute("INSERT INTO opendata.published_request (tracking_number, withdrawn_at) VALUES ('TT-GONE', now())");
            s.execute("""
                    INSERT INTO opendata.published_request (tracking_number, service_code, service_name, department,
                        districts, district_codes, status, received_at, updated_at, me_too_count, channel, location,
                        location_precision_m, listed)
                    VALUES ('TT-HIDDEN', 'pothole', 'Pothole', 'streets', '{}', '{1}', 'received', now(), now(), 0,
                        'phone', ST_SetSRID(ST_MakePoint(-83.0, 40.0), 4326), 100, false),
                        ('TT-NOWHERE', 'pothole', 'Pothole', 'streets', '{}', '{1}', 'received', now(), now(), 0,
                        'phone', NULL, NULL, true)""");
        }
    }

    private static void sensitive(Statement s, String prefix, int rows, double lon, double lat) throws SQLException {
        s.execute("""
                INSERT INTO opendata.published_request (tracking_number, service_code, service_name, department,
                    districts, district_codes, status, received_at, updated_at, me_too_count, channel, location,
                    location_precision_m)
                SELECT '%s' || g, 'encampment-concern', 'Encampment Concern', 'human-services', '{}', '{3}',
                    'received', timestamptz '2026-01-10T05:00:00Z', now(), 0, 'phone',
                    ST_SetSRID(ST_MakePoint(%s, %s), 4326), 500
                FROM generate_series(1, %d) AS g""".formatted(prefix, lon, lat, rows));
    }

    @Test
    void theCellsOfEveryTileOfAZoomAddUpToThePublishedRequestsOfTheFilter() throws SQLException {
        Map<String, String> filters = Map.of(
                "", "TRUE",
                "service_code=pothole&status=closed,received", "service_code = 'pothole' AND status IN ('closed', 'received')",
                "district=1", "'1' = ANY (district_codes)",
                "datetime=2026-01-05/2026-01-20", "received_at BETWEEN '2026-01-05T00:00:00Z' AND '2026-01-20T23:59:59.999Z'",
                "service_code=encampment-concern", "service_code = 'encampment-concern'");
        for (int z : List.of(8, 10, 12, 14)) {
            for (Map.Entry<String, String> filter : filters.entrySet()) {
                long expected = count(filter.getValue()) - count("tracking_number LIKE 'TT-RARE-%' AND " + filter.getValue());
                long counted = 0;
                for (int[] xy : tilesOverTheCity(z)) {
                    for (Map<String, Object> cell : features(tile(z, xy[0], xy[1], filter.getKey()), "cells")) {
                        counted += ((Number) cell.get("count")).longValue();
                        assertTrue(((Number) cell.get("count_open")).longValue() <= ((Number) cell.get("count")).longValue());
                        assertEquals(((Number) cell.get("count")).longValue(), STATUSES.stream()
                                .mapToLong(st -> ((Number) cell.get("count_" + st)).longValue()).sum(), "by status");
                    }
                }
                assertEquals(expected, counted, "zoom " + z + ", " + filter.getKey());
            }
        }
        assertEquals(7, count("service_code = 'encampment-concern'") - 3, "the filter that finds only the seven");
    }

    @Test
    void aCellTellsItsServicesAndTheMedianAgeOfItsOpenRequests() {
        int z = 12;
        int[] xy = tileOf(z, -82.93, 40.03);
        List<Map<String, Object>> cells = features(tile(z, xy[0], xy[1], "service_code=encampment-concern"), "cells");
        assertEquals(1, cells.size(), "the seven at one point: " + cells);
        Map<String, Object> cell = cells.get(0);
        assertEquals(7L, ((Number) cell.get("count")).longValue());
        assertEquals(7L, ((Number) cell.get("count_open")).longValue());
        assertEquals("encampment-concern", cell.get("top_services"));
        long days = java.time.LocalDate.of(2026, 1, 10).until(java.time.LocalDate.now(java.time.ZoneOffset.UTC),
                java.time.temporal.ChronoUnit.DAYS);
        assertEquals(days, ((Number) cell.get("median_open_age_days")).longValue());
    }

    @Test
    void aSensitiveServiceWithFewerThanFiveRequestsInACellIsInNoCell() {
        for (int z = 8; z <= 14; z++) {
            int[] xy = tileOf(z, RARE_LON, RARE_LAT);
            long shown = features(tile(z, xy[0], xy[1], "service_code=encampment-concern"), "cells").stream()
                    .mapToLong(c -> ((Number) c.get("count")).longValue()).sum();
            assertEquals(near(z, xy, -82.93, 40.03) ? 7 : 0, shown, "zoom " + z + ": the seven elsewhere, the three in none");
            for (Map<String, Object> cell : features(tile(z, xy[0], xy[1], ""), "cells")) {
                assertFalse(String.valueOf(cell.get("top_services")).contains("encampment-concern")
                        && !near(z, xy, -82.93, 40.03), "zoom " + z + ": " + cell);
            }
        }
    }

    @Test
    void theHighZoomsHoldThePublishedRequestsThemselves() throws SQLException {
        int z = 15;
        Set<String> seen = new HashSet<>();
        for (int[] xy : tilesOverTheCity(z)) {
            HttpResponse<byte[]> answer = get(path(z, xy[0], xy[1], ""));
            if (answer.statusCode() == 204) {
                continue;
            }
            for (Map<String, Object> request : features(answer.body(), "requests")) {
                seen.add((String) request.get("tracking_number"));
                assertNotNull(request.get("service_code"));
                assertTrue(STATUSES.contains((String) request.get("status")), request.toString());
                assertTrue(((String) request.get("received_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
                assertEquals(withOnTime(request.keySet()), request.keySet(), "nothing but the published fields");
            }
        }
        assertEquals(count("TRUE"), seen.size(), "every live, listed request with a point, each in one tile or more");
        assertTrue(seen.contains("TT-RARE-1"), "a point is as public as the items route shows it");
        for (String never : List.of("TT-GONE", "TT-HIDDEN", "TT-NOWHERE")) {
            assertFalse(seen.contains(never), never);
        }
    }

    private static Set<String> withOnTime(Set<String> keys) {
        Set<String> all = new HashSet<>(Set.of("tracking_number", "service_code", "status", "received_at"));
        if (keys.contains("on_time")) {
            all.add("on_time");
        }
        return all;
    }

    @Test
    void theTileJsonNamesTheTilesWithTheirFiltersTheZoomsTheBoundsAndTheFields() {
        HttpResponse<byte[]> answer = get("/tiles/service-requests.json?status=closed&service_code=pothole,graffiti");
        assertEquals(200, answer.statusCode());
        Map<String, Object> doc = json(answer.body());
        assertEquals("3.0.0", doc.get("tilejson"));
        String url = (String) ((List<?>) doc.get("tiles")).get(0);
        assertTrue(url.endsWith("/tiles/service-requests/{z}/{x}/{y}.mvt?service_code=pothole,graffiti&status=closed"), url);
        assertTrue(url.startsWith("http"), "absolute: " + url);
        assertEquals(8, ((Number) doc.get("minzoom")).intValue());
        assertEquals(18, ((Number) doc.get("maxzoom")).intValue());
        List<?> bounds = (List<?>) doc.get("bounds");
        assertEquals(-83.082, ((Number) bounds.get(0)).doubleValue(), 1e-6);
        assertEquals(40.0475, ((Number) bounds.get(3)).doubleValue(), 1e-6);
        assertTrue(((String) doc.get("attribution")).contains("Riverton"), doc.get("attribution").toString());
        List<?> layers = (List<?>) doc.get("vector_layers");
        assertEquals(List.of("cells", "requests"), layers.stream().map(l -> ((Map<?, ?>) l).get("id")).toList());
        assertEquals(14, ((Number) ((Map<?, ?>) layers.get(0)).get("maxzoom")).intValue());
        assertTrue(((Map<?, ?>) ((Map<?, ?>) layers.get(0)).get("fields")).containsKey("median_open_age_days"));
        assertEquals(400, get("/tiles/service-requests.json?limit=5").statusCode(), "the items' other names are not the tiles'");
    }

    @Test
    void aBadTileOrFilterIsA4xxProblem() {
        Map<String, Integer> wrong = new java.util.LinkedHashMap<>();
        wrong.put("/tiles/service-requests/12/4096/1500.mvt", 400);
        wrong.put("/tiles/service-requests/12/1100/-1.mvt", 400);
        wrong.put("/tiles/service-requests/012/1100/1500.mvt", 400);
        wrong.put("/tiles/service-requests/99999999999/0/0.mvt", 400);
        wrong.put("/tiles/service-requests/23/0/0.mvt", 400);
        wrong.put("/tiles/service-requests/x/0/0.mvt", 400);
        wrong.put("/tiles/service-requests/3/1/1.mvt", 404);
        wrong.put("/tiles/service-requests/19/0/0.mvt", 404);
        wrong.put("/tiles/service-requests/12/1100/1500.png", 404);
        wrong.put("/tiles/service-requests/12/1100/1500.mvt?service_code=", 400);
        wrong.put("/tiles/service-requests/12/1100/1500.mvt?datetime=yesterday", 400);
        wrong.put("/tiles/service-requests/12/1100/1500.mvt?bbox=1,2,3,4", 400);
        wrong.put("/tiles/service-requests/12/1100/1500.mvt?status=a&status=b", 400);
        wrong.forEach((path, status) -> {
            HttpResponse<byte[]> answer = get(path);
            assertEquals(status, answer.statusCode(), path);
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), path);
        });
    }

    @Test
    void aTileIsTaggedGzippedWhenAskedAnswered304AndRemadeWhenARequestInItChanges() throws Exception {
        int z = 10;
        int[] xy = tileOf(z, -83.0, 40.0);
        String path = path(z, xy[0], xy[1], "");
        HttpResponse<byte[]> plain = get(path);
        assertEquals(200, plain.statusCode());
        assertEquals(TilesController.MVT, plain.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(plain.headers().firstValue("Cache-Control").orElseThrow().startsWith("public, max-age="));
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get(path, "If-None-Match", etag).statusCode());
        HttpResponse<byte[]> gzipped = get(path, "Accept-Encoding", "gzip");
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
        assertArrayEquals(plain.body(), new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes());
        assertNull(plain.headers().firstValue("Content-Encoding").orElse(null));

        long before = sum(plain.body());
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO opendata.published_request (tracking_number, service_code, service_name, department,
                        districts, district_codes, status, received_at, updated_at, me_too_count, channel, location,
                        location_precision_m)
                    VALUES ('TT-NEW', 'graffiti', 'Graffiti', 'streets', '{}', '{1}', 'received', now(), now(), 0, 'web',
                        ST_SetSRID(ST_MakePoint(-83.0, 40.0), 4326), 100)""");
        }
        HttpResponse<byte[]> after = get(path, "If-None-Match", etag);
        assertEquals(200, after.statusCode(), "a new request in the tile makes it anew, cache or not");
        assertEquals(before + 1, sum(after.body()));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // As opendata.Publisher withdraws: a tombstone, stamped with the writing transaction like every change.
            s.execute("UPDATE opendata.published_request SET withdrawn_at = now(), changed_xid = pg_current_xact_id(),"
                    + " service_code = NULL, service_name = NULL,"
                    + " status = NULL, received_at = NULL, updated_at = NULL, me_too_count = NULL, location = NULL,"
                    + " department = NULL, channel = NULL WHERE tracking_number = 'TT-NEW'");
        }
        assertEquals(before, sum(get(path).body()), "and withdrawing it takes it away");
        assertNotEquals(etag, get(path(z, xy[0], xy[1], "status=closed")).headers().firstValue("ETag").orElseThrow());

        HttpResponse<byte[]> empty = get(path(12, 0, 0, ""));
        assertEquals(204, empty.statusCode(), "a tile with nothing in it");
        assertEquals(0, empty.body().length);
        assertTrue(empty.headers().firstValue("Cache-Control").orElseThrow().startsWith("public"));
    }

    private long sum(byte[] tile) {
        return features(tile, "cells").stream().mapToLong(c -> ((Number) c.get("count")).longValue()).sum();
    }

    private static boolean near(int z, int[] xy, double lon, double lat) {
        int[] other = tileOf(z, lon, lat);
        return other[0] == xy[0] && other[1] == xy[1];
    }

    private long count(String condition) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM opendata.published_request WHERE withdrawn_at IS NULL "
                     + "AND listed AND location IS NOT NULL AND (" + condition + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every tile of the zoom that touches the city. */
    private static List<int[]> tilesOverTheCity(int z) {
        int[] northWest = tileOf(z, WEST, NORTH);
        int[] southEast = tileOf(z, EAST, SOUTH);
        List<int[]> tiles = new ArrayList<>();
        for (int x = northWest[0]; x <= southEast[0]; x++) {
            for (int y = northWest[1]; y <= southEast[1]; y++) {
                tiles.add(new int[] {x, y});
            }
        }
        return tiles;
    }

    static int[] tileOf(int z, double lon, double lat) {
        double n = Math.pow(2, z);
        double rad = Math.toRadians(lat);
        return new int[] {(int) Math.floor((lon + 180) / 360 * n),
                (int) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n)};
    }

    private static String path(int z, int x, int y, String query) {
        return "/tiles/service-requests/" + z + "/" + x + "/" + y + ".mvt" + (query.isEmpty() ? "" : "?" + query);
    }

    /** The tile's bytes, empty for a 204; anything else fails. */
    private byte[] tile(int z, int x, int y, String query) {
        HttpResponse<byte[]> answer = get(path(z, x, y, query));
        assertTrue(answer.statusCode() == 200 || answer.statusCode() == 204, () -> path(z, x, y, query) + " answered "
                + answer.statusCode() + ": " + new String(answer.body()));
        return answer.body();
    }

    /** The features of one layer of a tile as the reader decodes them: each one's properties. */
    static List<Map<String, Object>> features(byte[] tile, String layer) {
        if (tile.length == 0) {
            return List.of();
        }
        try {
            JtsMvt mvt = MvtReader.loadMvt(new ByteArrayInputStream(tile), new GeometryFactory(),
                    new TagKeyValueMapConverter());
            JtsLayer found = mvt.getLayer(layer);
            if (found == null) {
                return List.of();
            }
            assertEquals(4096, found.getExtent(), "the extent");
            List<Map<String, Object>> features = new ArrayList<>();
            for (Geometry geometry : found.getGeometries()) {
                assertEquals("Point", geometry.getGeometryType());
                @SuppressWarnings("unchecked")
                Map<String, Object> properties = (Map<String, Object>) geometry.getUserData();
                features.add(properties);
            }
            return features;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> json(byte[] body) {
        try {
            return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
