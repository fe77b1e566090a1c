package io.curbside.geo;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-style: whatever geo writes, geo reads back as the same geometry. */
class GeoJsonRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory F = Wgs84.FACTORY;

    private final Random random = new Random(11);

    @Test
    void randomGeometriesOfEveryTypeSurviveWriteThenRead() throws Exception {
        for (int i = 0; i < 5_000; i++) {
            Geometry g = anyGeometry(0);
            Geometry read = GeoJsonReader.readGeometry(GeoJsonReaderTest.json(JSON.writeValueAsString(GeoJsonWriter.geometry(g))));
            assertEquals(g.getClass(), read.getClass());
            assertEquals(Wgs84.SRID, read.getSRID());
            assertTrue(g.equalsExact(read), () -> g + " came back as " + read);
        }
    }

    @Test
    void randomFeaturesSurviveWriteThenRead() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            GeoFeature f = new GeoFeature(random.nextBoolean() ? null : "f" + i, anyGeometry(0),
                    Map.of("code", "c" + i, "rank", i, "tags", List.of("a", "b")));
            List<GeoFeature> read = GeoJsonReader.readFeatures(
                    GeoJsonReaderTest.json(JSON.writeValueAsString(Map.of("type", "FeatureCollection",
                            "features", List.of(GeoJsonWriter.feature(f))))));
            assertEquals(1, read.size());
            assertEquals(f.id(), read.get(0).id());
            assertEquals(f.properties(), read.get(0).properties());
            assertTrue(f.geometry().equalsExact(read.get(0).geometry()));
        }
    }

    @Test
    void clockwisePolygonsComeBackAsTheSameAreaWoundCounterClockwise() throws Exception {
        for (int i = 0; i < 2_000; i++) {
            Polygon ccw = polygon(random.nextDouble() * 300 - 150, random.nextDouble() * 140 - 70, false);
            Polygon cw = (Polygon) ccw.reverse();
            Polygon read = (Polygon) GeoJsonReader.readGeometry(
                    GeoJsonReaderTest.json(JSON.writeValueAsString(GeoJsonWriter.geometry(cw))));
            assertTrue(Orientation.isCCW(read.getExteriorRing().getCoordinates()));
            assertTrue(ccw.equalsExact(read), () -> cw + " came back as " + read);
        }
    }

    private Geometry anyGeometry(int depth) {
        double cx = random.nextDouble() * 300 - 150;
        double cy = random.nextDouble() * 140 - 70;
        return switch (random.nextInt(depth == 0 ? 7 : 6)) {
            case 0 -> point(cx, cy);
            case 1 -> F.createMultiPoint(new Point[] {point(cx, cy), point(cx + 1, cy + 1)});
            case 2 -> line(cx, cy);
            case 3 -> F.createMultiLineString(new LineString[] {line(cx, cy), line(cx + 1, cy + 1)});
            case 4 -> polygon(cx, cy, random.nextBoolean());
            case 5 -> F.createMultiPolygon(new Polygon[] {polygon(cx, cy, true), polygon(cx + 2, cy + 2, false)});
            default -> F.createGeometryCollection(new Geometry[] {anyGeometry(1), anyGeometry(1)});
        };
    }

    private Point point(double x, double y) {
        return F.createPoint(new Coordinate(round(x + random.nextDouble()), round(y + random.nextDouble())));
    }

    private LineString line(double x, double y) {
        Coordinate[] c = new Coordinate[2 + random.nextInt(10)];
        for (int i = 0; i < c.length; i++) {
            c[i] = new Coordinate(round(x + random.nextDouble()), round(y + random.nextDouble()));
        }
        return F.createLineString(c);
    }

    /** A star-shaped polygon around (x, y), radius under 0.5 degrees, exterior counter-clockwise. */
    private Polygon polygon(double x, double y, boolean withHole) {
        double outer = 0.01 + random.nextDouble() * 0.49;
        LinearRing shell = star(x, y, outer * 0.5, outer, false);
        if (!withHole) {
            return F.createPolygon(shell);
        }
        return F.createPolygon(shell, new LinearRing[] {star(x, y, outer * 0.1, outer * 0.4, true)});
    }

    private LinearRing star(double x, double y, double minRadius, double maxRadius, boolean clockwise) {
        int n = 3 + random.nextInt(30);
        Coordinate[] ring = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double angle = (clockwise ? -2 : 2) * Math.PI * k / n;
            double r = minRadius + random.nextDouble() * (maxRadius - minRadius);
            ring[k] = new Coordinate(round(x + r * Math.cos(angle)), round(y + r * Math.sin(angle)));
        }
        ring[n] = ring[0];
        return F.createLinearRing(ring);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
