package io.curbside.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GeoJsonWriterTest {

    private static LinearRing ring(double... xy) {
        Coordinate[] ring = new Coordinate[xy.length / 2];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        return Wgs84.FACTORY.createLinearRing(ring);
    }

    @Test
    void roundsToSixDecimalsByDefaultOrAsAsked() {
        Geometry point = new LatLon(40.123456789, -83.987654321).toPoint();
        assertEquals(List.of(-83.987654, 40.123457), GeoJsonWriter.geometry(point).get("coordinates"));
        assertEquals(List.of(-83.99, 40.12), GeoJsonWriter.geometry(point, 2).get("coordinates"));
        assertEquals(List.of(-84.0, 40.0), GeoJsonWriter.geometry(point, 0).get("coordinates"));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 16})
    void refusesANumberOfDecimalsADoubleCannotHold(int decimals) {
        assertThrows(IllegalArgumentException.class, () -> GeoJsonWriter.geometry(new LatLon(0, 0).toPoint(), decimals));
    }

    @Test
    void writesPolygonRingsByTheRightHandRule() {
        LinearRing clockwiseShell = ring(0, 0, 0, 4, 4, 4, 4, 0, 0, 0);
        LinearRing counterClockwiseHole = ring(1, 1, 2, 1, 2, 2, 1, 2, 1, 1);
        Map<String, Object> json = GeoJsonWriter.geometry(
                Wgs84.FACTORY.createPolygon(clockwiseShell, new LinearRing[] {counterClockwiseHole}));
        assertEquals(List.of(
                List.of(List.of(0.0, 0.0), List.of(4.0, 0.0), List.of(4.0, 4.0), List.of(0.0, 4.0), List.of(0.0, 0.0)),
                List.of(List.of(1.0, 1.0), List.of(1.0, 2.0), List.of(2.0, 2.0), List.of(2.0, 1.0), List.of(1.0, 1.0))),
                json.get("coordinates"));
    }

    @Test
    void writesARingAsALineStringAndACollectionAsGeometries() {
        assertEquals("LineString", GeoJsonWriter.geometry(ring(0, 0, 1, 0, 1, 1, 0, 0)).get("type"));
        Geometry collection = Wgs84.FACTORY.createGeometryCollection(new Geometry[] {new LatLon(1, 2).toPoint()});
        Map<String, Object> json = GeoJsonWriter.geometry(collection);
        assertEquals("GeometryCollection", json.get("type"));
        assertEquals(List.of(Map.of("type", "Point", "coordinates", List.of(2.0, 1.0))), json.get("geometries"));
        assertFalse(json.containsKey("coordinates"));
    }

    @Test
    void writesAnEmptyPointAsAnEmptyArray() {
        assertEquals(List.of(), GeoJsonWriter.geometry(Wgs84.FACTORY.createPoint()).get("coordinates"));
    }

    @Test
    void writesFeaturesWithIdGeometryAndPropertiesInThatOrder() {
        Geometry point = new LatLon(40, -83).toPoint();
        Map<String, Object> feature = GeoJsonWriter.feature(new GeoFeature("a", point, Map.of("code", "a")));
        assertInstanceOf(LinkedHashMap.class, feature);
        assertEquals(List.of("type", "id", "geometry", "properties"), List.copyOf(feature.keySet()));
        assertEquals("Feature", feature.get("type"));
        assertEquals(Map.of("code", "a"), feature.get("properties"));
        Map<String, Object> anonymous = GeoJsonWriter.feature(new GeoFeature(null, point, null));
        assertEquals(List.of("type", "geometry", "properties"), List.copyOf(anonymous.keySet()));
        assertEquals(Map.of(), anonymous.get("properties"));
    }
}
