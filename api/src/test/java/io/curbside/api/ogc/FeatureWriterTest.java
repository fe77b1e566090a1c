package io.curbside.api.ogc;

import io.curbside.api.testing.DatabaseTest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page of GeoJSON writes each feature straight from its row ({@code PublishedForm.writeProperties} and
 * {@code writeGeometry}); its bytes must be those of the maps the page was made of before ({@code
 * PublishedForm.properties}, {@code geometry}, written by {@link PlainJson}), on rows made to trip a writer up:
 * no point, no districts, stored JSON with numbers and escapes, several photos, quotes, control characters and
 * characters beyond the BMP, times of every precision.
 */
@MicronautTest(transactional = false)
class FeatureWriterTest extends DatabaseTest {

    private static final String ITEMS = "/ogc/collections/service-requests/items";

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    @Inject
    JsonMapper json;

    @Inject
    PublishedRequestSource source;

    private OgcClient ogc;

    @BeforeAll
    void awkwardRows() throws SQLException {
        ogc = new OgcClient(server.getPort(), mapper);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO opendata.published_request (tracking_number, service_code, service_name, department,
                        districts, status, status_detail, received_at, updated_at, closed_at, expected_at, on_time,
                        me_too_count, channel, location, location_precision_m, description, photo_urls, address) VALUES
                    ('CS-FW1', 'pothole', 'Pothole', 'streets',
                        '{"wards": "3", "council_districts": "5", "neighborhoods": "olde-town"}', 'closed', 'fixed, "for now"',
                        '2026-01-02 03:04:05+00', '2026-01-02 03:04:05.5+00', '2026-01-03 10:00:00.123456+00',
                        '2026-01-09 00:00:00.12+00', true, 7, 'phone', ST_SetSRID(ST_MakePoint(-82.99225, 39.99744), 4326),
                        100, E'Deep hole, "huge" one\\nin front of\\r\\nthe shop\\t\\\\ end', '["https://x.test/a.jpg", "https://x.test/b,c.jpg", "https://x.test/d.jpg"]',
                        '100-199 Main St'),
                    ('CS-FW2', 'graffiti', 'Graffiti', NULL, NULL, 'received', NULL,
                        '2026-01-02 03:04:06.000001+00', '2026-01-02 03:04:06.001+00', NULL, NULL, NULL,
                        NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                    ('CS-FW3', 'noise', 'Noise', 'Café ñ 東京', '{"council_districts": "a\\"b\\u001f😀", "x": 5, "y": 0.10, "z": 12345678901234567890, "w": 1e-7, "v": [true, false, null, {}]}',
                        'received', '', '2026-01-02 03:04:07.1+00', '2026-01-02 03:04:07.12345+00', NULL, NULL, false,
                        0, 'web', ST_SetSRID(ST_MakePoint(0.00001, -0.0), 4326), 500, E'emoji 😀, control \\x01\\x1f, </script> \\u2028',
                        '["=cmd|x", "b", "\\u00e9\\/"]', 'Ünïcødé'),
                    ('CS-FW4', 'noise', 'Noise', 'parks', 'null', 'received', NULL,
                        '1899-12-31 23:59:59.999+00', '2026-01-02 03:04:08+00', NULL, NULL, NULL, 1, 'app',
                        ST_SetSRID(ST_MakePoint(-179.9999999, 89.123456789), 4326), 1000, '', 'null', ''),
                    ('CS-FW5', 'noise', 'Noise', 'parks', '{}', 'received', NULL,
                        '2026-01-02 03:04:10+00', '2026-01-02 03:04:10+00', NULL, NULL, NULL, 1, 'app', NULL, NULL,
                        '"', '[]', ',')
                    """);
        }
    }

    @Test
    void aPageOfGeoJsonIsTheBytesOfItsMaps() {
        String answer = new String(ogc.get(ITEMS + "?limit=100").body(), StandardCharsets.UTF_8);
        FeaturePage page = source.items(Map.of("limit", List.of("100")), null);
        assertEquals(5, page.features().size());
        List<Map<String, Object>> maps = page.features().stream().map(FeatureWriterTest::asMaps).toList();
        String expected = new String(new PlainJson(json).bytes(maps), StandardCharsets.UTF_8);
        assertTrue(answer.startsWith("{\"type\":\"FeatureCollection\",\"features\":" + expected + ",\"links\":"),
                "expected the features\n" + expected + "\nin\n" + answer);
        assertTrue(answer.contains("\"id\":\"CS-FW2\",\"geometry\":null,"), answer);
        assertTrue(answer.contains("\"geometry\":{\"type\":\"Point\",\"coordinates\":[-82.99225,39.99744]}"), answer);
        // jsonb keeps its keys shortest first, and the answer keeps them as stored.
        assertTrue(answer.contains("\"districts\":{\"wards\":\"3\",\"neighborhoods\":\"olde-town\",\"council_districts\":\"5\"}"),
                "stored order: " + answer);
        assertTrue(answer.contains("\"y\":0.10,\"z\":12345678901234567890,"), answer);
    }

    @Test
    void oneFeatureAndTheHtmlViewStillShowTheMaps() {
        String item = new String(ogc.get(ITEMS + "/CS-FW3").body(), StandardCharsets.UTF_8);
        Map<String, Object> expected = asMaps(source.item("CS-FW3", null).orElseThrow());
        String features = new String(new PlainJson(json).bytes(expected), StandardCharsets.UTF_8);
        assertTrue(item.startsWith(features.substring(0, features.length() - 1) + ",\"links\":"), item);
        String html = new String(ogc.get(ITEMS + "?f=html&limit=100").body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("olde-town"), html);
    }

    /** A feature as the page was made of it before: maps, walked by PlainJson. */
    private static Map<String, Object> asMaps(Feature feature) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", "Feature");
        document.put("id", feature.id());
        document.put("geometry", feature.geometry());
        document.put("properties", feature.properties());
        return document;
    }
}
