package io.curbside.api.jurisdiction;

import io.curbside.api.support.FileSource;
import io.curbside.api.support.InvalidFileException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jurisdiction GeoJSON format, and how each mistake is reported. */
class JurisdictionFileTest {

    private static final String SQUARE = "[[[-83.1,39.9],[-82.9,39.9],[-82.9,40.1],[-83.1,40.1],[-83.1,39.9]]]";
    private static final String WEST = "[[[-83.1,39.9],[-83.0,39.9],[-83.0,40.1],[-83.1,40.1],[-83.1,39.9]]]";
    private static final String BOW_TIE = "[[[-83.1,39.9],[-83.0,40.1],[-83.0,39.9],[-83.1,40.1],[-83.1,39.9]]]";

    private static String feature(String properties, String type, String coordinates) {
        return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":{\"type\":\"" + type
                + "\",\"coordinates\":" + coordinates + "}}";
    }

    private static Jurisdiction parse(String... features) {
        String json = "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
        return JurisdictionFile.parse(new FileSource.Content("city.geojson", json.getBytes(StandardCharsets.UTF_8), "x"),
                "wards").jurisdiction();
    }

    private static final String CITY = feature("{\"layer\":\"city\",\"code\":\"t\",\"name\":{\"en\":\"Testville\",\"es\":\"Villa\"}}",
            "Polygon", SQUARE);

    @Test
    void readsTheBoundaryAndLayersInFileOrder() {
        Jurisdiction j = parse(CITY,
                feature("{\"layer\":\"wards\",\"layer_name\":\"Wards\",\"code\":\"1\",\"name\":\"Ward 1\"}", "Polygon", WEST),
                feature("{\"layer\":\"zones\",\"code\":\"a\",\"name\":\"Zone A\"}", "MultiPolygon", "[" + WEST + "]"));
        assertEquals("t", j.code());
        assertEquals("Villa", j.name().in("es"));
        assertEquals(List.of("wards", "zones"), j.layers().stream().map(Jurisdiction.Layer::code).toList());
        assertEquals("Wards", j.layers().get(0).name().in("en"));
        assertEquals("zones", j.layers().get(1).name().in("en"), "a layer without layer_name is named by its code");
        assertEquals(1, j.boundary().getNumGeometries());
    }

    @Test
    void reportsEachBadFeatureWithItsPlace() {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> parse(
                feature("{\"layer\":\"wards\",\"code\":\"1\",\"name\":\"Ward 1\"}", "Polygon", BOW_TIE),
                feature("{\"layer\":\"wards\",\"code\":\"2\",\"name\":\"Ward 2\"}", "Point", "[-83,40]"),
                feature("{\"layer\":\"wards\",\"name\":\"Ward 3\"}", "Polygon", WEST)));
        List<String> problems = e.problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("features[0].geometry: district \"1\" is not a valid shape: Self-intersection")),
                problems.toString());
        assertTrue(problems.contains("features[1].geometry: an area must be a Polygon or MultiPolygon, not a Point"),
                problems.toString());
        assertTrue(problems.contains("features[2].properties.code: is missing"), problems.toString());
        assertTrue(problems.contains("features: no feature has \"layer\": \"city\" (the city boundary)"), problems.toString());
    }

    @Test
    void aCityOfOverlappingPolygonsIsToldSoAndNotThatThereIsNoCity() {
        String eastPart = "[[[-83.05,39.9],[-82.9,39.9],[-82.9,40.1],[-83.05,40.1],[-83.05,39.9]]]";
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> parse(
                feature("{\"layer\":\"city\",\"code\":\"t\",\"name\":\"T\"}", "MultiPolygon",
                        "[" + WEST + "," + eastPart + "]"),
                feature("{\"layer\":\"wards\",\"code\":\"1\",\"name\":\"Ward 1\"}", "Polygon", WEST)));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("features[0].geometry: the city's polygons overlap around lat 40.0"),
                e.problems().toString());
    }

    @Test
    void refusesTwoDistrictsWithOneCode() {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> parse(CITY,
                feature("{\"layer\":\"wards\",\"code\":\"1\",\"name\":\"Ward 1\"}", "Polygon", WEST),
                feature("{\"layer\":\"wards\",\"code\":\"1\",\"name\":\"Ward 1 again\"}", "Polygon", WEST)));
        assertEquals(List.of("features[2].properties.code: \"1\" is used twice in layer \"wards\""), e.problems());
    }

    @Test
    void refusesAFileWithoutTheRoutingLayerNamingIt() {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> parse(CITY,
                feature("{\"layer\":\"zones\",\"code\":\"a\",\"name\":\"Zone A\"}", "Polygon", WEST)));
        assertEquals(List.of("features: no feature has \"layer\": \"wards\", the routing layer whose districts pick"
                + " each report's department (CURBSIDE_ROUTING_LAYER)"), e.problems());
    }

    @Test
    void passesOnTheGeoJsonReadersOwnMessage() {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> parse(feature("{\"layer\":\"city\",\"code\":\"t\",\"name\":\"T\"}", "Polygon",
                        "[[[-83.1,39.9],[-82.9,39.9],[-82.9,95],[-83.1,39.9]]]"),
                        feature("{\"layer\":\"wards\",\"code\":\"1\",\"name\":\"Ward 1\"}", "Polygon", WEST)));
        assertEquals(List.of("features[0].geometry.coordinates[0][2]: latitude 95.0 is outside [-90, 90]"), e.problems());
    }
}
