package io.curbside.geo;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gaps and overlaps of a layer of districts, found where they are and measured in square metres. */
class CoverageTest {

    /** A box of longitudes and latitudes. */
    private static Polygon box(double west, double south, double east, double north) {
        return Wgs84.FACTORY.createPolygon(new Coordinate[] {new Coordinate(west, south), new Coordinate(east, south),
                new Coordinate(east, north), new Coordinate(west, north), new Coordinate(west, south)});
    }

    private static final Polygon CITY = box(9.9, 9.9, 10.1, 10.1);

    @Test
    void districtsThatTileTheCityLeaveNothingToReport() {
        Coverage.Report report = Coverage.of(CITY, List.of(box(9.9, 9.9, 10.0, 10.1), box(10.0, 9.9, 10.1, 10.1)), 1_000);
        assertEquals(List.of(), report.gaps());
        assertEquals(List.of(), report.overlaps());
    }

    @Test
    void aGapIsReportedWithAPointInsideItAndItsArea() {
        // The districts stop at 10.09°E: a strip of 0.01° × 0.2° is in no district.
        Coverage.Report report = Coverage.of(CITY, List.of(box(9.9, 9.9, 10.0, 10.1), box(10.0, 9.9, 10.09, 10.1)), 1_000);
        assertEquals(1, report.gaps().size());
        Coverage.Gap gap = report.gaps().get(0);
        assertTrue(gap.point().lon() > 10.09 && gap.point().lon() < 10.1, gap.toString());
        // 0.01° of longitude at 10°N is about 1,095 m, 0.2° of latitude about 22,239 m.
        assertEquals(1_095 * 22_239, gap.squareMetres(), 0.01 * 1_095 * 22_239);
        assertEquals(List.of(), report.overlaps());
    }

    @Test
    void anOverlapNamesBothDistrictsAndWhere() {
        Coverage.Report report = Coverage.of(CITY, List.of(box(9.9, 9.9, 10.0, 10.1), box(9.98, 9.9, 10.1, 10.1),
                box(9.9, 9.9, 9.95, 9.95)), 1_000);
        assertEquals(List.of(), report.gaps());
        assertEquals(2, report.overlaps().size());
        Coverage.Overlap largest = report.overlaps().get(0);
        assertEquals(0, largest.first());
        assertEquals(1, largest.second());
        assertTrue(largest.point().lon() > 9.98 && largest.point().lon() < 10.0, largest.toString());
        assertEquals(0, report.overlaps().get(1).first(), "district 2 lies inside district 0");
        assertEquals(2, report.overlaps().get(1).second());
    }

    @Test
    void piecesUnderTheToleranceAreLeftOut() {
        // A strip 0.000001° (about 0.1 m) wide along 22 km: about 2,400 m², under a 5,000 m² tolerance.
        Coverage.Report report = Coverage.of(CITY, List.of(box(9.9, 9.9, 10.000001, 10.1), box(10.0, 9.9, 10.1, 10.1)),
                5_000);
        assertEquals(List.of(), report.overlaps());
        assertEquals(1, Coverage.of(CITY, List.of(box(9.9, 9.9, 10.000001, 10.1), box(10.0, 9.9, 10.1, 10.1)), 1_000)
                .overlaps().size());
    }

    @Test
    void aLosAngelesSizedLayerIsCheckedInAFewSeconds() {
        // A round city of 48,000 vertices cut into 48 wedges of 1,000 arc vertices each, like a
        // council district file: every pair of neighbours shares an edge.
        int wedges = 48;
        int perWedge = 1_000;
        List<Geometry> districts = new ArrayList<>();
        List<Coordinate> rim = new ArrayList<>();
        Coordinate centre = new Coordinate(-118.4, 34.0);
        for (int w = 0; w < wedges; w++) {
            List<Coordinate> ring = new ArrayList<>();
            ring.add(centre);
            for (int k = 0; k <= perWedge; k++) {
                double angle = 2 * Math.PI * (w * perWedge + k) / (wedges * perWedge);
                Coordinate c = new Coordinate(centre.x + 0.3 * Math.cos(angle), centre.y + 0.25 * Math.sin(angle));
                ring.add(c);
                if (k < perWedge) {
                    rim.add(c);
                }
            }
            ring.add(centre);
            districts.add(Wgs84.FACTORY.createPolygon(ring.toArray(Coordinate[]::new)));
        }
        rim.add(rim.get(0));
        Polygon city = Wgs84.FACTORY.createPolygon(rim.toArray(Coordinate[]::new));
        long start = System.nanoTime();
        Coverage.Report report = Coverage.of(city, districts, 1_000);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(), report.gaps());
        assertEquals(List.of(), report.overlaps());
        // About a second on a quiet machine (the difference of two 48,000-vertex rings that
        // coincide is most of it); generous, as the build machine is shared.
        assertTrue(millis < 10_000, millis + " ms");
    }
}
