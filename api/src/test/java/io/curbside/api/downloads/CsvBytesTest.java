package io.curbside.api.downloads;

import io.curbside.api.opendata.query.ItemsParameters;
import io.curbside.api.opendata.query.ItemsQuery;
import io.curbside.api.published.PublishedForm;
import io.curbside.api.published.PublishedRequests;
import io.curbside.api.published.PublishedRow;
import io.curbside.api.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CSV is written from the database's text of each field, not from the GeoJSON properties: its bytes must be
 * those the properties give ({@link PublishedForm#properties} flattened and written by {@link CsvRows#field}, as
 * the CSV was made before), on rows made to trip a byte copier up: quotes, commas, line breaks, formula starts,
 * no districts, stored JSON with escapes or a number, no point, several photos, times of every precision.
 */
@MicronautTest(transactional = false)
class CsvBytesTest extends HttpTest {

    /** A layer the rows have, one only some have, one none has. */
    private static final List<String> LAYERS = List.of("council_districts", "neighborhoods", "wards");

    @Inject
    Exports exports;

    @Inject
    PublishedRequests published;

    @Inject
    PublishedForm form;

    @Inject
    ItemsParameters parameters;

    @Inject
    @Named("opendata")
    TransactionOperations<Connection> opendata;

    @BeforeAll
    void awkwardRows() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO opendata.published_request (tracking_number, service_code, service_name, department,
                        districts, status, status_detail, received_at, updated_at, closed_at, expected_at, on_time,
                        me_too_count, channel, location, location_precision_m, description, photo_urls, address) VALUES
                    ('CS-AWK1', 'pothole', '+Pothole', '@streets',
                        '{"council_districts": "5", "neighborhoods": "olde-town"}', 'closed', '-fixed, "for now"',
                        '2026-01-02 03:04:05+00', '2026-01-02 03:04:05.5+00', '2026-01-03 10:00:00.123456+00',
                        '2026-01-09 00:00:00.12+00', true, 7, E'\\tphone', ST_SetSRID(ST_MakePoint(-82.99225, 39.99744), 4326),
                        100, E'Deep hole, "huge" one\\nin front of\\r\\nthe shop', '["https://x.test/a.jpg", "https://x.test/b,c.jpg", "https://x.test/d.jpg"]',
                        '=HYPERLINK("http://evil")'),
                    ('CS-AWK2', 'graffiti', 'Graffiti', NULL, NULL, 'received', NULL,
                        '2026-01-02 03:04:06.000001+00', '2026-01-02 03:04:06.001+00', NULL, NULL, NULL,
                        3, NULL, NULL, NULL, E'\\rcarriage first', '[]', NULL),
                    ('CS-AWK3', 'noise', 'Noise', 'Café ñ 東京', '{"council_districts": "a\\"b", "neighborhoods": "x,y"}',
                        'received', '', '2026-01-02 03:04:07.1+00', '2026-01-02 03:04:07.12345+00', NULL, NULL, false,
                        0, 'web', ST_SetSRID(ST_MakePoint(0.00001, -0.0), 4326), 500, 'plain', '["=cmd|x", "b"]', '100-199 Main St'),
                    ('CS-AWK4', 'noise', 'Noise', 'parks', '{"council_districts": 5, "wards": null}', 'received', NULL,
                        '1899-12-31 23:59:59.999+00', '2026-01-02 03:04:08+00', NULL, NULL, NULL, 1, 'app',
                        ST_SetSRID(ST_MakePoint(100.0, -12.5), 4326), 1000, '', '["https://x.test/\\"q\\".jpg"]', 'Ünïcødé'),
                    ('CS-AWK5', 'noise', 'Noise', 'parks', 'null', 'received', NULL,
                        '2026-01-02 03:04:09+00', '2026-01-02 03:04:09+00', NULL, NULL, NULL, 1, 'app',
                        ST_SetSRID(ST_MakePoint(-179.9999999, 89.123456789), 4326), 1000, NULL, 'null', NULL),
                    ('CS-AWK6', 'noise', 'Noise', 'parks', '{}', 'received', NULL,
                        '2026-01-02 03:04:10+00', '2026-01-02 03:04:10+00', NULL, NULL, NULL, 1, 'app', NULL, NULL,
                        '"', '[""]', ','),
                    ('CS-AWK7', 'noise', 'Noise', 'parks', '{"neighborhoods": "-1", "council_districts": "=2"}', 'received',
                        NULL, '2026-01-02 03:04:11+00', '2026-01-02 03:04:11+00', NULL, NULL, NULL, 1, 'app', NULL, NULL,
                        'line one\\nline two', '["a", "", "c"]', '"quoted"')
                    """);
        }
    }

    @Test
    void theBytesAreThoseOfThePublishedProperties() throws IOException {
        ItemsQuery everything = parameters.read(Map.of(), Set.of());
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        long rows = exports.write(DownloadFormat.CSV, everything, LAYERS, written);
        String expected = opendata.executeRead(status -> {
            StringBuilder csv = new StringBuilder(String.join(",", CsvRows.columns(LAYERS))).append("\r\n");
            published.each(everything.where(), everything.orderBy(), row -> csv.append(record(row)));
            return csv.toString();
        });
        String actual = written.toString(StandardCharsets.UTF_8);
        assertEquals(7, rows);
        assertEquals(expected, actual);
        assertTrue(actual.contains("\"'-fixed, \"\"for now\"\"\""), "neutralised and quoted: " + actual);
        assertTrue(actual.contains(",\"https://x.test/a.jpg https://x.test/b,c.jpg https://x.test/d.jpg\","),
                "the photos in one cell: " + actual);
        assertTrue(actual.contains(",2026-01-03T10:00:00.123456Z,2026-01-09T00:00:00.120Z,"), actual);
        assertTrue(actual.contains(",0.00001,0\r\n"), "plain numbers, no negative zero: " + actual);
    }

    @Test
    void noLayersMeansNoDistrictColumns() throws IOException {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        exports.write(DownloadFormat.CSV, parameters.read(Map.of(), Set.of()), List.of(), written);
        String header = written.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertEquals(String.join(",", CsvRows.columns(List.of())), header);
        List<List<String>> records = Rfc4180.parse(written.toString(StandardCharsets.UTF_8));
        records.forEach(record -> assertEquals(CsvRows.columns(List.of()).size(), record.size(), record.toString()));
    }

    @Test
    void aCoordinateIsWrittenAsBigDecimalWritesIt() {
        java.util.Random random = new java.util.Random(11);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 100.0, 1e7, 1.0E-5, -82.99225, 39.99744,
                0.1, 2e23, 1e-3, 9.999999e-4, 180.0, -179.9999999, Double.MIN_VALUE, Double.MAX_VALUE));
        for (int i = 0; i < 200_000; i++) {
            values.add((random.nextDouble() - 0.5) * 360);
            values.add(Math.round((random.nextDouble() - 0.5) * 360 * 1e5) / 1e5);
            values.add(Double.longBitsToDouble(random.nextLong()));
        }
        for (double value : values) {
            if (Double.isFinite(value)) {
                assertEquals(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString(), CsvRows.plain(value),
                        () -> Double.toString(value));
            }
        }
    }

    /** A field as the CSV wrote it before. */
    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal number) {
            return number.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = value.toString();
        for (char c : new char[] {'=', '+', '-', '@', '\t', '\r'}) {
            if (!text.isEmpty() && text.charAt(0) == c) {
                text = "'" + text;
                break;
            }
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** A record as the CSV was written before: the GeoJSON properties, flattened. */
    private String record(PublishedRow row) {
        Map<String, Object> properties = form.properties(row);
        List<String> cells = new ArrayList<>();
        for (String property : PublishedForm.PROPERTIES) {
            Object value = properties.get(property);
            if (property.equals("districts")) {
                Map<?, ?> districts = value instanceof Map<?, ?> map ? map : Map.of();
                LAYERS.forEach(layer -> cells.add(field(districts.get(layer))));
            } else if (value instanceof List<?> list) {
                cells.add(field(String.join(" ", list.stream().map(String::valueOf).toList())));
            } else {
                cells.add(field(value));
            }
        }
        cells.add(field(row.lon() == null ? null : BigDecimal.valueOf(row.lon())));
        cells.add(field(row.lat() == null ? null : BigDecimal.valueOf(row.lat())));
        return String.join(",", cells) + "\r\n";
    }
}
