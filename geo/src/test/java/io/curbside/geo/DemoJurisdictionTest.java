package io.curbside.geo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo city the API ships with: valid shapes, and each layer tiles the city exactly. */
class DemoJurisdictionTest {

    private static final Path FILE = Path.of("../api/src/main/resources/demo/jurisdiction.geojson");
    private static final double TOLERANCE = 1e-9; // square degrees, about 10 m² here
    // metres per degree at 40° N: close enough for "how far from the edge" checks over a 15 km city
    private static final double METRES_PER_DEGREE_LON = 85_394;
    private static final double METRES_PER_DEGREE_LAT = 111_035;

    private static List<GeoFeature> features;
    private static Geometry city;

    @BeforeAll
    static void load() throws IOException {
        assertTrue(Files.exists(FILE), () -> FILE.toAbsolutePath() + " is missing");
        try (InputStream in = Files.newInputStream(FILE)) {
            features = GeoJsonReader.readFeatures(in);
        }
        List<GeoFeature> cities = layer("city");
        assertEquals(1, cities.size());
        assertEquals("riverton", cities.get(0).properties().get("code"));
        city = cities.get(0).geometry();
    }

    private static List<GeoFeature> layer(String name) {
        return features.stream().filter(f -> name.equals(f.properties().get("layer"))).toList();
    }

    private static Geometry district(int code) {
        return layer("council_districts").stream().filter(f -> String.valueOf(code).equals(f.properties().get("code")))
                .findFirst().orElseThrow().geometry();
    }

    private static Geometry inMetres(Geometry g) {
        return AffineTransformation.scaleInstance(METRES_PER_DEGREE_LON, METRES_PER_DEGREE_LAT).transform(g);
    }

    @Test
    void everyShapeIsAValidAreaWoundByTheRightHandRuleAtSixDecimals() {
        for (GeoFeature f : features) {
            String what = f.properties().get("layer") + " " + f.properties().get("code");
            Boundaries.requireValid(f.geometry(), what);
            for (int i = 0; i < f.geometry().getNumGeometries(); i++) {
                Polygon p = (Polygon) Boundaries.asMultiPolygon(f.geometry()).getGeometryN(i);
                assertTrue(Orientation.isCCW(p.getExteriorRing().getCoordinates()), what + " exterior is clockwise");
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    assertTrue(!Orientation.isCCW(p.getInteriorRingN(h).getCoordinates()), what + " hole is counter-clockwise");
                }
            }
            for (Coordinate c : f.geometry().getCoordinates()) {
                assertEquals(Math.round(c.x * 1e6) / 1e6, c.x, 0.0, what);
                assertEquals(Math.round(c.y * 1e6) / 1e6, c.y, 0.0, what);
            }
        }
    }

    @Test
    void theCityIsAboutFourteenByElevenKilometresAroundFortyNorthEightyThreeWest() {
        Bbox box = Bbox.of(city);
        assertTrue(box.contains(new LatLon(40.0, -83.0)));
        assertEquals(14_000, (box.maxLon() - box.minLon()) * METRES_PER_DEGREE_LON, 1_000);
        assertEquals(11_000, (box.maxLat() - box.minLat()) * METRES_PER_DEGREE_LAT, 1_000);
    }

    @Test
    void thereAreSevenCouncilDistrictsAndTwelveToSixteenNeighborhoods() {
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"),
                layer("council_districts").stream().map(f -> f.properties().get("code")).sorted().toList());
        List<GeoFeature> neighborhoods = layer("neighborhoods");
        assertTrue(neighborhoods.size() >= 12 && neighborhoods.size() <= 16, neighborhoods.size() + " neighborhoods");
        assertEquals(neighborhoods.size(), neighborhoods.stream().map(f -> f.properties().get("code")).distinct().count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"council_districts", "neighborhoods"})
    void eachLayerTilesTheCityWithoutGapsOrOverlaps(String name) {
        List<Geometry> parts = layer(name).stream().map(GeoFeature::geometry).toList();
        for (int i = 0; i < parts.size(); i++) {
            for (int j = i + 1; j < parts.size(); j++) {
                double overlap = parts.get(i).intersection(parts.get(j)).getArea();
                assertTrue(overlap < TOLERANCE, name + " " + i + " and " + j + " overlap by " + overlap);
            }
        }
        Geometry union = Wgs84.FACTORY.buildGeometry(parts).union();
        double difference = union.symDifference(city).getArea();
        assertTrue(difference < TOLERANCE, name + " differ from the city by " + difference + " square degrees");
    }

    /** The positions the API's routing tests rely on: well inside, or 20 m either side of an edge. */
    @ParameterizedTest
    @CsvSource({
        "1, 40.026777, -83.056775, 300", "2, 40.024129, -83.014396, 300", "3, 40.021212, -82.954995, 300",
        "4, 39.974568, -83.057595, 300", "5, 39.997113, -82.992588, 300", "6, 39.972560, -82.949835, 300",
        "7, 39.968060, -83.014075, 300",
        "1, 40.028395, -83.031830, 15", "2, 40.028448, -83.031367, 15",
        "4, 39.968439, -83.034772, 15", "7, 39.968330, -83.034325, 15",
        "5, 39.981746, -83.003907, 15", "7, 39.981399, -83.004033, 15",
    })
    void publishedPositionsLieInTheirDistrictAtLeastThisFarFromItsEdge(int code, double lat, double lon, double metres) {
        Geometry point = new LatLon(lat, lon).toPoint();
        IntStream.rangeClosed(1, 7).forEach(other ->
                assertEquals(other == code, district(other).contains(point), "district " + other + " at " + lat + "," + lon));
        double metresToEdge = inMetres(district(code).getBoundary()).distance(inMetres(point));
        assertTrue(metresToEdge >= metres, metresToEdge + " m from the edge of district " + code);
    }
}
