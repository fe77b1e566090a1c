package io.curbside.geo;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundariesTest {

    private static LinearRing ring(double... xy) {
        Coordinate[] ring = new Coordinate[xy.length / 2];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        return Wgs84.FACTORY.createLinearRing(ring);
    }

    private static Geometry polygon(double... xy) {
        return Wgs84.FACTORY.createPolygon(ring(xy));
    }

    @Test
    void aPolygonBecomesAOnePartMultiPolygonAndAMultiPolygonStaysAsItIs() {
        MultiPolygon m = Boundaries.asMultiPolygon(polygon(0, 0, 1, 0, 1, 1, 0, 0));
        assertEquals(1, m.getNumGeometries());
        assertSame(m, Boundaries.asMultiPolygon(m));
    }

    @Test
    void somethingThatIsNotAnAreaIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Boundaries.asMultiPolygon(new LatLon(1, 1).toPoint()));
        assertTrue(e.getMessage().contains("not a Point"), e.getMessage());
    }

    @Test
    void aSelfIntersectingBoundaryIsRefusedWithWhereItCrosses() {
        Geometry bowTie = polygon(0, 0, 2, 2, 2, 0, 0, 2, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Boundaries.requireValid(bowTie, "district 3"));
        assertTrue(e.getMessage().startsWith("district 3 is not a valid shape: Self-intersection near lon 1.0, lat 1.0"),
                e.getMessage());
    }

    @Test
    void aValidBoundaryPasses() {
        Boundaries.requireValid(polygon(0, 0, 1, 0, 1, 1, 0, 1, 0, 0), "city");
    }

    @Test
    void aHoleOutsideItsShellIsRefused() {
        Geometry withStrayHole = Wgs84.FACTORY.createPolygon(ring(0, 0, 1, 0, 1, 1, 0, 1, 0, 0),
                new LinearRing[] {ring(2, 2, 3, 2, 3, 3, 2, 2)});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Boundaries.requireValid(withStrayHole, "neighborhood Old Town"));
        assertTrue(e.getMessage().startsWith("neighborhood Old Town is not a valid shape: Hole lies outside shell"),
                e.getMessage());
    }

    @Test
    void anEmptyBoundaryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Boundaries.requireValid(Wgs84.FACTORY.createPolygon(), "city"));
        assertEquals("city is empty", e.getMessage());
    }

    @Test
    void aMultiPolygonWhosePartsOverlapSaysWhereInsteadOfSelfIntersection() {
        // Two 0.1° squares near 10°N 10°E sharing a 0.05° strip.
        MultiPolygon overlapping = Wgs84.FACTORY.createMultiPolygon(new org.locationtech.jts.geom.Polygon[] {
                (org.locationtech.jts.geom.Polygon) polygon(9.9, 9.9, 10.0, 9.9, 10.0, 10.0, 9.9, 10.0, 9.9, 9.9),
                (org.locationtech.jts.geom.Polygon) polygon(9.95, 9.9, 10.05, 9.9, 10.05, 10.0, 9.95, 10.0, 9.95, 9.9)});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Boundaries.requireValid(overlapping, "the city"));
        assertTrue(e.getMessage().startsWith("the city's polygons overlap around lat 9.9"), e.getMessage());
        assertTrue(e.getMessage().contains("coordinates[0] and coordinates[1], 60,"), e.getMessage());
    }
}
