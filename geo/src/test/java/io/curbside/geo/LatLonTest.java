package io.curbside.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatLonTest {

    @ParameterizedTest
    @CsvSource({"90.0001,0,latitude 90.0001", "-91,0,latitude -91.0", "0,180.5,longitude 180.5",
            "0,-181,longitude -181.0", "NaN,0,latitude NaN", "0,Infinity,longitude Infinity"})
    void refusesPositionsOffTheEarthNamingTheBadValue(double lat, double lon, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LatLon(lat, lon));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void everyValidPositionRoundTripsThroughAPointWithLongitudeAsX() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            LatLon p = new LatLon(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180);
            var point = p.toPoint();
            assertEquals(p.lon(), point.getX());
            assertEquals(p.lat(), point.getY());
            assertEquals(Wgs84.SRID, point.getSRID());
            assertEquals(p, LatLon.of(point));
        }
    }

    @Test
    void acceptsTheEdgesOfTheRange() {
        new LatLon(90, 180);
        new LatLon(-90, -180);
    }
}
