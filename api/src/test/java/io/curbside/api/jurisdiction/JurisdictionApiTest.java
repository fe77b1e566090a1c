package io.curbside.api.jurisdiction;

import io.curbside.api.testing.DatabaseTest;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/jurisdiction serves the stored city as GeoJSON an app can draw. */
@MicronautTest(transactional = false)
class JurisdictionApiTest extends DatabaseTest {

    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    @SuppressWarnings("unchecked")
    void servesTheBoundaryAndEveryDistrictLayerAsGeoJson() throws Exception {
        HttpResponse<Map<String, Object>> response = client.toBlocking().exchange(HttpRequest.GET("/v1/jurisdiction"), JSON);
        assertEquals("en", response.getHeaders().get("Content-Language"));
        assertTrue(response.getHeaders().get("Cache-Control").contains("max-age"));
        Map<String, Object> city = response.body();
        Map<String, Object> boundary = (Map<String, Object>) city.get("boundary");
        assertEquals("Feature", boundary.get("type"));
        assertEquals("MultiPolygon", ((Map<String, Object>) boundary.get("geometry")).get("type"));
        List<Double> bbox = ((List<Number>) city.get("bbox")).stream().map(Number::doubleValue).toList();
        assertTrue(bbox.get(0) < bbox.get(2) && bbox.get(1) < bbox.get(3), "bbox is minLon,minLat,maxLon,maxLat: " + bbox);

        List<Map<String, Object>> layers = (List<Map<String, Object>>) city.get("layers");
        Map<String, Object> council = layers.stream().filter(l -> l.get("code").equals("council_districts")).findFirst()
                .orElseThrow();
        Map<String, Object> collection = (Map<String, Object>) council.get("districts");
        assertEquals("FeatureCollection", collection.get("type"));
        List<Map<String, Object>> features = (List<Map<String, Object>>) collection.get("features");
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM district WHERE layer_code = 'council_districts'")) {
            rs.next();
            assertEquals(rs.getInt(1), features.size(), "every stored district is served");
        }
        assertTrue(features.size() >= 6);
        for (Map<String, Object> feature : features) {
            Map<String, Object> properties = (Map<String, Object>) feature.get("properties");
            assertEquals(feature.get("id"), properties.get("code"));
            assertTrue(properties.get("name") instanceof String name && !name.isBlank());
            List<?> firstRing = (List<?>) ((List<?>) ((List<?>) ((Map<String, Object>) feature.get("geometry"))
                    .get("coordinates")).get(0)).get(0);
            List<Double> position = ((List<Number>) firstRing.get(0)).stream().map(Number::doubleValue).toList();
            assertTrue(position.get(0) >= bbox.get(0) - 1e-6 && position.get(0) <= bbox.get(2) + 1e-6,
                    "longitude first, inside the city's bbox: " + position);
        }
    }

    @Test
    void theStoredBoundaryIsValidAndTheDistrictsCoverIt() throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT ST_IsValid(j.boundary), ST_SRID(j.boundary),
                       ST_Area(ST_SymDifference(j.boundary, (SELECT ST_Union(geom) FROM district
                                                             WHERE layer_code = 'council_districts')))
                FROM jurisdiction j""")) {
            rs.next();
            assertTrue(rs.getBoolean(1));
            assertEquals(4326, rs.getInt(2));
            assertTrue(rs.getDouble(3) < 1e-8, "council districts tile the city: difference " + rs.getDouble(3));
        }
    }
}
