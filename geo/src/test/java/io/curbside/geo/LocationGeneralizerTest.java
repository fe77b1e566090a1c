package io.curbside.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Published points are cell centres: near the report, the same for the whole cell, never the point itself. */
class LocationGeneralizerTest {

    private static double metres(LatLon a, LatLon b) {
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a.lat())) * Math.cos(Math.toRadians(b.lat())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
    }

    @ParameterizedTest
    @ValueSource(doubles = {100, 500, 37.5})
    void everyPointIsWithinHalfACellDiagonalOfItsCentre(double cell) {
        LocationGeneralizer g = new LocationGeneralizer(cell);
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            // Anywhere a city could be: up to 70 degrees from the equator.
            LatLon p = new LatLon(random.nextDouble() * 140 - 70, random.nextDouble() * 360 - 180);
            LatLon c = g.snap(p);
            // Cells are at most about cell x 1.02 wide (whole cells per row), so half the diagonal is under 0.73 cells.
            assertTrue(metres(p, c) <= cell * 0.73, p + " -> " + c + " is " + metres(p, c) + " m away");
        }
    }

    @Test
    void theWholeCellPublishesOneCentreAndTheCentreIsStable() {
        LocationGeneralizer g = new LocationGeneralizer(100);
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            LatLon p = new LatLon(random.nextDouble() * 120 - 60, random.nextDouble() * 360 - 180);
            LatLon c = g.snap(p);
            assertEquals(c, g.snap(c), "a centre is its own cell's centre");
            // A point 10 m away is mostly in the same cell; when it is not, its centre is a neighbour's.
            LatLon near = new LatLon(p.lat() + 10 / LocationGeneralizer.METRES_PER_DEGREE, p.lon());
            double apart = metres(c, g.snap(near));
            assertTrue(apart == 0 || (apart > 90 && apart < 210), "neighbouring centres are a cell apart, not " + apart);
        }
    }

    @Test
    void aReportedPointIsNeverPublishedAsIs() {
        LocationGeneralizer g = new LocationGeneralizer(100);
        LatLon home = new LatLon(39.997113, -82.992588);
        LatLon published = g.snap(home);
        assertNotEquals(home, published);
        assertTrue(metres(home, published) > 1);
        // Two houses on the same block publish the same place.
        assertEquals(published, g.snap(new LatLon(39.99712, -82.99258)));
    }

    @Test
    void theGridReachesThePolesAndTheAntimeridian() {
        LocationGeneralizer g = new LocationGeneralizer(500);
        assertTrue(g.snap(new LatLon(90, 180)).lat() <= 90);
        assertTrue(g.snap(new LatLon(-90, -180)).lat() >= -90);
        assertTrue(g.snap(new LatLon(0, 180)).lon() <= 180);
        assertTrue(g.snap(new LatLon(0, 179.99999)).lon() < 180);
    }

    @Test
    void aCoarserGridGivesCoarserPoints() {
        LatLon p = new LatLon(39.997113, -82.992588);
        assertTrue(metres(p, new LocationGeneralizer(1000).snap(p)) <= 730);
        assertThrows(IllegalArgumentException.class, () -> new LocationGeneralizer(0));
        assertThrows(IllegalArgumentException.class, () -> new LocationGeneralizer(Double.NaN));
    }
}
