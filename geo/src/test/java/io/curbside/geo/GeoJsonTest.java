package io.curbside.geo;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeoJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ByteArrayInputStream json(String text) {
        return new ByteArrayInputStream(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAFeatureCollectionWithIdsAndProperties() {
        List<GeoFeature> features = GeoJsonReader.readFeatures(json("""
                {'type':'FeatureCollection','features':[
                 {'type':'Feature','id':7,'properties':{'code':'7','name':{'en':'Seven'}},
                  'geometry':{'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,0]]]}},
                 {'type':'Feature','properties':null,'geometry':{'type':'Point','coordinates':[-83.0,40.0]}}]}"""));
        assertEquals(2, features.size());
        assertEquals("7", features.get(0).id());
        assertEquals(Map.of("en", "Seven"), features.get(0).properties().get("name"));
        assertInstanceOf(Polygon.class, features.get(0).geometry());
        assertEquals(Wgs84.SRID, features.get(0).geometry().getSRID());
        assertNull(features.get(1).id());
        assertEquals(new Coordinate(-83.0, 40.0), features.get(1).geometry().getCoordinate());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'type':'FeatureCollection','features':[{'type':'Feature','geometry':{'type':'Point','coordinates':[200,1]}}]}"
            + "|features[0].geometry.coordinates: longitude 200.0 is outside [-180, 180]",
        "{'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,1]]]}|coordinates[0]: the ring is not closed",
        "{'type':'Polygon','coordinates':[[[0,0],[1,0],[0,0]]]}|coordinates[0]: a ring needs at least 4 positions",
        "{'type':'MultiPolygon','coordinates':[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,95],[1,1],[0,0]]]]}"
            + "|coordinates[1][0][1]: latitude 95.0 is outside [-90, 90]",
        "{'type':'Circle','coordinates':[0,0]}|type: \"Circle\" is not a GeoJSON geometry type",
        "{'type':'Point','coordinates':['a',1]}|coordinates: a position is [longitude, latitude]",
        "{'features':[]}|type: is missing",
        "[1,2]|the document is not a JSON object",
        "{'type':'Point',|not valid JSON",
    })
    void saysWhereTheGeoJsonIsWrong(String text, String expected) {
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> GeoJsonReader.readFeatures(json(text)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void randomPolygonsSurviveAWriteAndReadRoundTrip() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            double cx = random.nextDouble() * 300 - 150;
            double cy = random.nextDouble() * 140 - 70;
            int n = 3 + random.nextInt(20);
            Coordinate[] ring = new Coordinate[n + 1];
            for (int k = 0; k < n; k++) {
                double angle = 2 * Math.PI * k / n;
                double r = 0.001 + random.nextDouble() * 0.5;
                ring[k] = new Coordinate(round(cx + r * Math.cos(angle)), round(cy + r * Math.sin(angle)));
            }
            ring[n] = ring[0];
            Geometry polygon = Boundaries.asMultiPolygon(Wgs84.FACTORY.createPolygon(ring));
            String written = JSON.writeValueAsString(GeoJsonWriter.geometry(polygon));
            Geometry read = GeoJsonReader.readGeometry(json(written));
            assertInstanceOf(MultiPolygon.class, read);
            assertTrue(polygon.equalsExact(read), written);
        }
    }

    @Test
    void writesRoundedCoordinatesAndFeatures() {
        Geometry point = new LatLon(40.123456789, -83.987654321).toPoint();
        assertEquals(List.of(-83.987654, 40.123457), GeoJsonWriter.geometry(point).get("coordinates"));
        Map<String, Object> feature = GeoJsonWriter.feature(new GeoFeature("a", point, Map.of("code", "a")));
        assertEquals("Feature", feature.get("type"));
        assertEquals("a", feature.get("id"));
        assertEquals(Map.of("code", "a"), feature.get("properties"));
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
