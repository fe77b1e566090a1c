package io.curbside.api.downloads;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.RawHttp;
import io.curbside.api.testing.Reports;
import io.micronaut.core.type.Argument;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static io.curbside.api.testing.Personal.DEVICE;
import static io.curbside.api.testing.Personal.EMAIL;
import static io.curbside.api.testing.Personal.NAME;
import static io.curbside.api.testing.Personal.PHONE;
import static io.curbside.api.testing.Personal.SECRETS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bulk downloads over HTTP, on requests filed with a reporter's name, e-mail, phone and a house number: each
 * format read by a strict reader, the items route's filters and 400s, gzip, ETag and 304, chunked framing, the
 * open-data headers; and no byte of any answer carries what identifies the reporter.
 */
@MicronautTest(transactional = false)
class DownloadsTest extends HttpTest {

    private static final String BASE = "/v1/opendata/requests.";
    private static final List<String> FORMATS = List.of("csv", "geojson", "ndjson");
    /** Free text that a CSV must quote (comma, quotes, a line break) and that names the reporter. */
    private static final String DESCRIPTION = "Deep hole, \"huge\" one\nin front of 1234 Elm St. Call Maria Lopez at "
            + "614-555-0199 or maria.lopez@example.org";

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> potholes = new ArrayList<>();
    private final List<String> lights = new ArrayList<>();
    /** Only the seeded requests: tests that file more stay out of it. */
    private String seeded;

    @BeforeAll
    void seed() throws InterruptedException {
        String start = Instant.now().minusSeconds(1).toString();
        for (int i = 0; i < 3; i++) {
            potholes.add(file(Reports.aPothole().with("device_id", DEVICE)));
        }
        for (int i = 0; i < 2; i++) {
            lights.add(file(Reports.of("streetlight-out").answer("problem", "out").north(3000)));
        }
        Thread.sleep(5);
        seeded = "datetime=" + start + "/" + Instant.now();
    }

    private String file(Reports report) {
        return (String) requests.filed(report.contact(NAME, EMAIL, PHONE).description(DESCRIPTION))
                .get("tracking_number");
    }

    @Test
    void theCsvIsRfc4180WithTheDocumentedColumns() {
        HttpResponse<byte[]> answer = ok(get("csv", seeded));
        assertEquals("text/csv; charset=utf-8; header=present", header(answer, "Content-Type"));
        assertEquals("attachment; filename=\"curbside-requests-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"",
                header(answer, "Content-Disposition"));
        List<List<String>> records = Rfc4180.parse(text(answer));
        List<String> columns = records.get(0);
        assertEquals(List.of("tracking_number", "service_code", "service_name", "department",
                "district_council_districts", "district_neighborhoods", "status", "status_detail", "received_at",
                "updated_at", "closed_at", "expected_at", "on_time", "me_too_count", "channel", "location_precision_m",
                "description", "photo_urls", "address", "longitude", "latitude"), columns);
        assertEquals(6, records.size(), "a header and five requests");
        List<String> numbers = records.subList(1, 6).stream().map(r -> r.get(0)).toList();
        assertEquals(Set.copyOf(concat(potholes, lights)), Set.copyOf(numbers));
        List<String> pothole = records.stream().filter(r -> r.get(0).equals(potholes.get(0))).findFirst().orElseThrow();
        assertEquals("5", pothole.get(columns.indexOf("district_council_districts")));
        assertTrue(pothole.get(columns.indexOf("description")).contains("\"huge\" one\nin front of"),
                "quotes and the line break survive: " + pothole);
        assertTrue(pothole.get(columns.indexOf("longitude")).startsWith("-82.99"), "a number, not neutralised: " + pothole);
        assertEquals(sorted(numbers), numbers, "in received_at order: " + numbers);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGeoJsonIsOneFeatureCollectionOfTheItemsFeatures() {
        Map<String, Object> collection = json(ok(get("geojson", seeded)).body());
        assertEquals("FeatureCollection", collection.get("type"));
        List<Map<String, Object>> features = (List<Map<String, Object>>) collection.get("features");
        Map<String, Object> items = json(ok(send("/ogc/collections/service-requests/items?limit=100&" + seeded)).body());
        assertEquals(byId((List<Map<String, Object>>) items.get("features")), byId(features),
                "each feature as the OGC items show it");
        assertEquals(5, features.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNdjsonIsOneFeaturePerLine() {
        HttpResponse<byte[]> answer = ok(get("ndjson", seeded));
        assertEquals("application/x-ndjson", header(answer, "Content-Type"));
        String text = text(answer);
        assertTrue(text.endsWith("\n"));
        List<Map<String, Object>> lines = text.lines().map(line -> json(line.getBytes(StandardCharsets.UTF_8))).toList();
        Map<String, Object> collection = json(ok(get("geojson", seeded)).body());
        assertEquals(collection.get("features"), lines);
    }

    @Test
    void theItemsFiltersApplyToEveryFormat() {
        double lat = Reports.LAT;
        double lon = Reports.LON;
        String bbox = "bbox=" + (lon - 0.01) + "," + (lat - 0.01) + "," + (lon + 0.01) + "," + (lat + 0.01);
        for (String query : List.of("service_code=pothole", bbox, "filter=" + encode("service_code IN ('pothole')"))) {
            assertEquals(Set.copyOf(potholes), ids("csv", query + "&" + seeded), query);
            assertEquals(Set.copyOf(potholes), ids("geojson", query + "&" + seeded), query);
            assertEquals(Set.copyOf(potholes), ids("ndjson", query + "&" + seeded), query);
        }
        assertEquals(Set.copyOf(lights), ids("csv", "service_code=streetlight-out&" + seeded));
        assertEquals(Set.of(), ids("csv", "datetime=../2000-01-01T00:00:00Z"));
        assertEquals(Set.of(), ids("geojson", "status=closed&" + seeded));
        assertEquals(1, Rfc4180.parse(text(ok(get("csv", "status=closed")))).size(), "a header even when nothing matches");
    }

    /** Each format is served to an Accept naming its own type (it was a 406), and a bad query is still a problem. */
    @Test
    void eachFormatAnswersAnAcceptOfItsOwnType() {
        Map<String, String> types = Map.of("csv", "text/csv", "geojson", "application/geo+json", "ndjson", "application/x-ndjson");
        types.forEach((format, type) -> {
            HttpResponse<byte[]> answer = get(format, "", "Accept", type);
            assertEquals(200, answer.statusCode(), format);
            assertTrue(header(answer, "Content-Type").startsWith(type), header(answer, "Content-Type"));
            HttpResponse<byte[]> bad = get(format, "limit=10", "Accept", type);
            assertEquals(400, bad.statusCode(), format);
            assertEquals("application/problem+json", header(bad, "Content-Type"), format);
        });
    }

    @Test
    void aBadOrUnknownParameterIsA400Problem() {
        Map<String, String> wrong = Map.of("servicecode=pothole", "invalid-parameter", "limit=10", "invalid-parameter",
                "cursor=abc", "invalid-parameter", "bbox=1,2,3", "invalid-parameter",
                "filter=" + encode("service_code = "), "invalid-filter",
                "filter=" + encode("contact_email = 'x'"), "invalid-filter", "datetime=yesterday", "invalid-parameter");
        for (String format : FORMATS) {
            wrong.forEach((query, type) -> {
                HttpResponse<byte[]> answer = get(format, query);
                assertEquals(400, answer.statusCode(), format + "?" + query);
                assertEquals("application/problem+json", header(answer, "Content-Type"), query);
                assertEquals("urn:curbside:problem:" + type, json(answer.body()).get("type"), query);
            });
        }
    }

    @Test
    void gzipIsSentWhenAskedAndHoldsTheSameBytes() throws IOException {
        for (String format : FORMATS) {
            HttpResponse<byte[]> plain = ok(get(format, seeded));
            HttpResponse<byte[]> gzipped = ok(get(format, seeded, "Accept-Encoding", "gzip"));
            assertEquals("gzip", header(gzipped, "Content-Encoding"), format);
            assertNull(header(plain, "Content-Encoding"), format);
            assertTrue(header(gzipped, "Vary").contains("Accept-Encoding"), format);
            assertArrayEquals(plain.body(), new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes(),
                    format);
            assertNotEquals(header(plain, "ETag"), header(gzipped, "ETag"), "another coding, another representation");
            assertPrivate(new String(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void theETagAnswers304UntilAPublishedRowChanges() {
        for (String format : FORMATS) {
            HttpResponse<byte[]> first = ok(get(format, seeded));
            String etag = header(first, "ETag");
            assertTrue(etag.matches("W/\"[A-Za-z0-9_-]{27}\""), "weak: version and rows are read apart: " + etag);
            assertEquals(etag, header(ok(get(format, seeded)), "ETag"), "the same data, the same tag");
            HttpResponse<byte[]> again = get(format, seeded, "If-None-Match", etag);
            assertEquals(304, again.statusCode(), format);
            assertEquals(0, again.body().length);
            assertEquals(etag, header(again, "ETag"));
            assertEquals(List.of(Downloads.VARY), again.headers().allValues("Vary"), "a 304 varies as its 200");
            assertEquals(List.of(Downloads.VARY), first.headers().allValues("Vary"), "once, not twice");
            assertEquals(304, get(format, seeded, "If-None-Match", etag.substring(2)).statusCode(),
                    "If-None-Match compares weakly");
            assertNotEquals(etag, header(ok(get(format, "service_code=pothole&" + seeded)), "ETag"), "another query");
        }
        String before = header(ok(get("csv", seeded)), "ETag");
        file(Reports.aPothole());
        HttpResponse<byte[]> after = get("csv", seeded, "If-None-Match", before);
        assertEquals(200, after.statusCode(), "a new published row changes every download's tag, even one it is not in");
        assertNotEquals(before, header(after, "ETag"));
    }

    @Test
    void theBodyIsChunkedWithoutALengthAndReadableFromAnySite() throws IOException {
        RawHttp.Answer raw = RawHttp.exchange(server.getPort(), "GET " + BASE + "csv?" + seeded + " HTTP/1.1\r\n"
                + "Host: localhost\r\nOrigin: https://journalist.example\r\n\r\n");
        assertEquals(200, raw.status(), raw.toString());
        assertEquals("chunked", raw.header("Transfer-Encoding"));
        assertNull(raw.header("Content-Length"));
        assertEquals("*", raw.header("Access-Control-Allow-Origin"));
        assertTrue(raw.header("Cache-Control").startsWith("public, max-age="), raw.header("Cache-Control"));
        assertEquals(6, Rfc4180.parse(raw.body()).size());
    }

    @Test
    void headSaysWhatAGetWouldWithoutStreaming() throws Exception {
        String etag = header(ok(get("csv", seeded)), "ETag");
        for (int i = 0; i < 6; i++) {
            HttpResponse<byte[]> head = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort()
                    + BASE + "csv?" + seeded)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, head.statusCode());
            assertEquals(etag, header(head, "ETag"));
            assertTrue(header(head, "Content-Disposition").startsWith("attachment; filename=\"curbside-requests-"));
            assertEquals(0, head.body().length);
        }
        assertEquals(6, Rfc4180.parse(text(ok(get("csv", seeded)))).size(), "no HEAD kept a download's place");
    }

    @Test
    void noFormatCarriesWhatIdentifiesTheReporter() {
        for (String format : FORMATS) {
            HttpResponse<byte[]> answer = ok(get(format, ""));
            assertPrivate(text(answer));
            assertPrivate(answer.headers().map().toString());
        }
    }

    private Set<String> ids(String format, String query) {
        String text = text(ok(get(format, query)));
        return switch (format) {
            case "csv" -> Rfc4180.parse(text).stream().skip(1).map(r -> r.get(0)).collect(Collectors.toSet());
            case "ndjson" -> text.lines().map(l -> (String) json(l.getBytes(StandardCharsets.UTF_8)).get("id"))
                    .collect(Collectors.toSet());
            default -> byId(features(json(text.getBytes(StandardCharsets.UTF_8)))).keySet();
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> features(Map<String, Object> collection) {
        return (List<Map<String, Object>>) collection.get("features");
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> features) {
        return features.stream().collect(Collectors.toMap(f -> (String) f.get("id"), f -> f));
    }

    private HttpResponse<byte[]> get(String format, String query, String... headers) {
        return send(BASE + format + (query.isEmpty() ? "" : "?" + query), headers);
    }

    private HttpResponse<byte[]> send(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + pathAndQuery));
        if (headers.length > 0) {
            request.headers(headers);
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

    private static HttpResponse<byte[]> ok(HttpResponse<byte[]> answer) {
        assertEquals(200, answer.statusCode(), () -> new String(answer.body(), StandardCharsets.UTF_8));
        assertPrivate(new String(answer.body(), StandardCharsets.UTF_8));
        return answer;
    }

    private static void assertPrivate(String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), secret + " is in a public answer: " + text);
        }
    }

    private Map<String, Object> json(byte[] bytes) {
        try {
            return mapper.readValue(bytes, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(HttpResponse<byte[]> answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static String header(HttpResponse<?> answer, String name) {
        return answer.headers().firstValue(name).orElse(null);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private List<String> sorted(List<String> numbers) {
        List<String> all = concat(potholes, lights);
        return numbers.stream().sorted((a, b) -> Integer.compare(all.indexOf(a), all.indexOf(b))).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
