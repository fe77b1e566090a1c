package io.curbside.api.jurisdiction;

import io.curbside.api.support.FileSource;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.People.id;
import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static io.curbside.api.testing.RequestsClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PUT /v1/admin/jurisdiction replaces the city whole or not at all, within a size limit, with history. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JurisdictionUploadTest extends HttpTest {

    private static final int LIMIT = 100_000;
    /** A square city around 10°N 10°E, split in two council districts at 10°E. */
    private static final String NEWTOWN = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"layer": "city", "code": "newtown", "name": {"en": "Newtown", "es": "Villanueva"}},
               "geometry": {"type": "Polygon", "coordinates": [[[9.9, 9.9], [10.1, 9.9], [10.1, 10.1], [9.9, 10.1], [9.9, 9.9]]]}},
              {"type": "Feature", "properties": {"layer": "council_districts", "layer_name": "Wards", "code": "1", "name": "West"},
               "geometry": {"type": "Polygon", "coordinates": [[[9.9, 9.9], [10.0, 9.9], [10.0, 10.1], [9.9, 10.1], [9.9, 9.9]]]}},
              {"type": "Feature", "properties": {"layer": "council_districts", "code": "2", "name": "East"},
               "geometry": {"type": "Polygon", "coordinates": [[[10.0, 9.9], [10.1, 9.9], [10.1, 10.1], [10.0, 10.1], [10.0, 9.9]]]}}
            ]}""";

    private Map<String, Object> admin;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(People.bootstrapAdmin());
        properties.put("curbside.jurisdiction-upload-max-bytes", String.valueOf(LIMIT));
        return properties;
    }

    @BeforeAll
    void admin() {
        admin = new People(http).admin();
    }

    private MutableHttpRequest<byte[]> upload(String geojson, String type) {
        return upload(geojson, type, admin);
    }

    private static MutableHttpRequest<byte[]> upload(String geojson, String type, Map<String, Object> session) {
        return HttpRequest.PUT("/v1/admin/jurisdiction", geojson.getBytes(StandardCharsets.UTF_8))
                .contentType(type).bearerAuth(token(session));
    }

    /** A fixture file beside this test. */
    static String fixture(String name) {
        try (InputStream in = JurisdictionUploadTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> locate(double lat, double lon) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/jurisdiction/locate?lat=" + lat + "&lon=" + lon), JSON);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history() {
        return (List<Map<String, Object>>) http.toBlocking().retrieve(HttpRequest.GET("/v1/admin/jurisdiction/history")
                .bearerAuth(token(admin)), JSON).get("uploads");
    }

    @Test
    @Order(1)
    void badGeoJsonIsRefusedByPlaceAndChangesNothing() {
        String bowtie = NEWTOWN.replace("[[[10.0, 9.9], [10.1, 9.9], [10.1, 10.1], [10.0, 10.1], [10.0, 9.9]]]",
                "[[[10.0, 9.9], [10.1, 10.1], [10.1, 9.9], [10.0, 10.1], [10.0, 9.9]]]");
        Map<String, Object> problem = requests.problem(upload(bowtie, "application/geo+json"),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("features[2].geometry"), fields(problem));
        assertTrue(((String) problem.get("detail")).contains("Self-intersection"), problem::toString);

        Map<String, Object> noCity = requests.problem(upload(NEWTOWN.replace("\"layer\": \"city\"", "\"layer\": \"town\""),
                MediaType.APPLICATION_JSON), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("features"), fields(noCity));
        Map<String, Object> notJson = requests.problem(upload("{\"type\": \"FeatureCollection\", ", "application/geo+json"),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("body"), fields(notJson));

        assertEquals(true, locate(Reports.LAT, Reports.LON).get("inside"), "the demo city is still there");
        assertEquals(1, history().size(), "only the start-up import");
    }

    @Test
    @Order(2)
    void anythingButAFeatureCollectionIsRefusedAndTheLayersStay() {
        Map<String, Object> city = http.toBlocking().retrieve(HttpRequest.GET("/v1/jurisdiction"), JSON);
        for (String file : List.of("bare-feature.geojson", "bare-geometry.geojson")) {
            Map<String, Object> problem = requests.problem(upload(fixture(file), "application/geo+json"),
                    HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
            assertEquals(List.of("type"), fields(problem), file);
            assertTrue(((String) problem.get("detail")).contains("a FeatureCollection"), problem::toString);
        }
        assertEquals(city, http.toBlocking().retrieve(HttpRequest.GET("/v1/jurisdiction"), JSON),
                "the city and every layer are as they were");
        assertEquals(1, history().size());
    }

    @Test
    @Order(3)
    void aFileWithoutTheRoutingLayerIsRefusedNamingItAndTheLayersStay() {
        Map<String, Object> city = http.toBlocking().retrieve(HttpRequest.GET("/v1/jurisdiction"), JSON);
        Map<String, Object> problem = requests.problem(upload(fixture("no-routing-layer.geojson"), "application/geo+json"),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("features"), fields(problem));
        assertTrue(((String) problem.get("detail")).contains("\"council_districts\", the routing layer"), problem::toString);
        assertEquals(city, http.toBlocking().retrieve(HttpRequest.GET("/v1/jurisdiction"), JSON));
        assertEquals("5", district(Reports.LAT, Reports.LON), "reports still route to their district");
        assertEquals(1, history().size());
    }

    @SuppressWarnings("unchecked")
    private String district(double lat, double lon) {
        return (String) ((List<Map<String, Object>>) locate(lat, lon).get("districts")).get(0).get("code");
    }

    @Test
    @Order(5)
    void aFileOverTheLimitIsRefusedBeforeItIsRead() {
        String padded = NEWTOWN + " ".repeat(LIMIT);
        Map<String, Object> problem = requests.problem(upload(padded, "application/geo+json"),
                HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large");
        assertTrue(((String) problem.get("detail")).contains(String.valueOf(LIMIT)), problem::toString);
        requests.problem(upload(NEWTOWN, MediaType.TEXT_PLAIN), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type");
        assertEquals(1, history().size());
    }

    @Test
    @Order(6)
    void onlyAdminsUpload() {
        People people = new People(http);
        for (Map<String, Object> other : List.of(people.register("resident"), people.staffOf("streets"))) {
            requests.problem(upload(NEWTOWN, "application/geo+json", other), HttpStatus.FORBIDDEN, "forbidden");
            requests.problem(HttpRequest.GET("/v1/admin/jurisdiction/history").bearerAuth(token(other)),
                    HttpStatus.FORBIDDEN, "forbidden");
        }
        requests.problem(HttpRequest.PUT("/v1/admin/jurisdiction", NEWTOWN).contentType("application/geo+json"),
                HttpStatus.UNAUTHORIZED, "unauthorized");
        requests.problem(HttpRequest.GET("/v1/admin/jurisdiction/history"), HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    @Test
    @Order(7)
    void overlappingDistrictsOfTheRoutingLayerAreRefusedNamingBoth() {
        Map<String, Object> city = http.toBlocking().retrieve(HttpRequest.GET("/v1/jurisdiction"), JSON);
        Map<String, Object> problem = requests.problem(upload(fixture("overlapping-routing-districts.geojson"),
                "application/geo+json"), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("features[2].geometry"), fields(problem));
        String detail = (String) problem.get("detail");
        assertTrue(detail.contains("district \"2\" (East) overlaps district \"1\" (West, reaching past 10°E to 10.02°E)"
                + " of the routing layer \"council_districts\""), detail);
        assertTrue(detail.contains(" m² around lat 10."), detail);
        assertEquals(city, http.toBlocking().retrieve(HttpRequest.GET("/v1/jurisdiction"), JSON));
        assertEquals(1, history().size());
    }

    @Test
    @Order(8)
    @SuppressWarnings("unchecked")
    void aCityOfOverlappingPartsIsToldSoAndNotThatThereIsNoCity() {
        Map<String, Object> problem = requests.problem(upload(fixture("overlapping-city-parts.geojson"),
                "application/geo+json"), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        List<Map<String, Object>> violations = (List<Map<String, Object>>) problem.get("violations");
        assertEquals(1, violations.size(), violations::toString);
        assertEquals("features[0].geometry", violations.get(0).get("field"));
        assertTrue(((String) violations.get(0).get("message")).startsWith("the city's polygons overlap around lat 10."),
                violations::toString);
        assertEquals(1, history().size());
    }

    @Test
    @Order(10)
    @SuppressWarnings("unchecked")
    void anUploadReplacesTheCityAndEarlierRequestsKeepTheirDistricts() {
        String before = (String) requests.filed(Reports.aPothole()).get("tracking_number");

        HttpResponse<Map<String, Object>> loaded = http.toBlocking().exchange(upload(NEWTOWN, "application/geo+json"), JSON);
        assertEquals(HttpStatus.OK, loaded.getStatus());
        Map<String, Object> body = loaded.body();
        assertEquals("newtown", body.get("code"));
        assertEquals(List.of(Map.of("code", "council_districts", "features", 2)), body.get("layers"));
        assertEquals(FileSource.Content.of("x", NEWTOWN.getBytes(StandardCharsets.UTF_8)).sha256(), body.get("sha256"));
        assertEquals(id(admin), body.get("actor"));

        assertEquals(false, locate(Reports.LAT, Reports.LON).get("inside"), "the demo city is gone");
        Map<String, Object> west = locate(10.0, 9.95);
        assertEquals(true, west.get("inside"));
        assertEquals("Newtown", west.get("city"));
        assertEquals("1", ((List<Map<String, Object>>) west.get("districts")).get(0).get("code"));
        assertEquals("newtown", http.toBlocking().retrieve(HttpRequest.GET("/v1/jurisdiction"), JSON).get("code"));

        Map<String, Object> old = requests.status(before);
        assertEquals("5", ((Map<String, Object>) old.get("district")).get("code"), "routed when filed, kept");
        Map<String, Object> filed = requests.filed(Reports.aPothole().at(10.0, 10.05));
        assertEquals("2", ((Map<String, Object>) filed.get("district")).get("code"));

        List<Map<String, Object>> history = history();
        assertEquals(2, history.size());
        assertEquals(List.of("upload", "classpath:demo/jurisdiction.geojson"),
                history.stream().map(h -> h.get("source")).toList(), "newest first");
        assertEquals((long) NEWTOWN.getBytes(StandardCharsets.UTF_8).length, ((Number) history.get(0).get("bytes")).longValue());
        assertNull(history.get(1).get("actor"), "a file import has no actor");
        assertEquals(Map.of("en", "Newtown", "es", "Villanueva"), history.get(0).get("name"));

        List<Map<String, Object>> audit = (List<Map<String, Object>>) http.toBlocking().retrieve(
                HttpRequest.GET("/v1/admin/audit?limit=200").bearerAuth(token(admin)), JSON).get("entries");
        assertTrue(audit.stream().anyMatch(e -> e.get("action").equals("jurisdiction.replace")
                && e.get("target").equals("newtown") && id(admin).equals(e.get("actor"))), audit::toString);
    }

    @Test
    @Order(11)
    @SuppressWarnings("unchecked")
    void aGapInALayerIsLoadedWithAWarningSayingWhere() {
        Map<String, Object> body = http.toBlocking().retrieve(upload(fixture("district-gap.geojson"),
                "application/geo+json"), JSON);
        List<Map<String, Object>> warnings = (List<Map<String, Object>>) body.get("warnings");
        assertEquals(1, warnings.size(), warnings::toString);
        Map<String, Object> gap = warnings.get(0);
        assertEquals("gap", gap.get("kind"));
        assertEquals("council_districts", gap.get("layer"));
        double lon = ((Number) gap.get("lon")).doubleValue();
        assertTrue(lon > 10.09 && lon < 10.1, gap::toString);
        // 0.01° of longitude by 0.2° of latitude at 10°N: about 1.1 km by 22 km.
        assertEquals(24_350_000, ((Number) gap.get("square_metres")).doubleValue(), 250_000, gap::toString);
        assertTrue(((String) gap.get("message")).startsWith("part of the city is in no district of layer"
                + " \"council_districts\": 24,"), gap::toString);
        Map<String, Object> there = locate(((Number) gap.get("lat")).doubleValue(), lon);
        assertEquals(true, there.get("inside"));
        assertEquals(List.of(), there.get("districts"), "the warning points where reports route to no district");
        Object kept = history().get(0).get("warnings");
        assertTrue(kept == null || ((List<?>) kept).isEmpty(), "warnings are the upload's answer, not its history");
    }

    @Test
    @Order(12)
    @SuppressWarnings("unchecked")
    void overlappingDistrictsOfAnotherLayerAreLoadedWithAWarningNamingBoth() {
        Map<String, Object> body = http.toBlocking().retrieve(upload(fixture("overlapping-neighborhoods.geojson"),
                "application/geo+json"), JSON);
        List<Map<String, Object>> warnings = (List<Map<String, Object>>) body.get("warnings");
        assertEquals(1, warnings.size(), warnings::toString);
        Map<String, Object> overlap = warnings.get(0);
        assertEquals("overlap", overlap.get("kind"));
        assertEquals("neighborhoods", overlap.get("layer"));
        assertEquals(List.of("north", "south"), overlap.get("districts"));
        double lat = ((Number) overlap.get("lat")).doubleValue();
        assertTrue(lat > 10.0 && lat < 10.01, overlap::toString);
        assertTrue(((String) overlap.get("message")).startsWith("districts \"north\" (Northside) and \"south\""),
                overlap::toString);
    }
}
