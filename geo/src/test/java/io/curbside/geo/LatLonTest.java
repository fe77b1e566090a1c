package io.curbside.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatLonTest {

    @ParameterizedTest
    @CsvSource({"90.0001,0,latitude 90.0001 is outside [-90, 90]", "-91,0,latitude -91.0",
            "0,180.5,longitude 180.5 is outside [-180, 180]", "0,-181,longitude -181.0", "NaN,0,latitude NaN",
            "0,Infinity,longitude Infinity", "-Infinity,0,latitude -Infinity"})
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
    void randomValuesAreAcceptedExactlyWhenOnTheEarth() {
        Random random = new Random(43);
        for (int i = 0; i < 10_000; i++) {
            double lat = random.nextDouble() * 400 - 200;
            double lon = random.nextDouble() * 800 - 400;
            boolean onEarth = Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
            if (onEarth) {
                new LatLon(lat, lon);
            } else {
                assertThrows(IllegalArgumentException.class, () -> new LatLon(lat, lon));
            }
        }
    }

    @Test
    void acceptsTheEdgesOfTheRange() {
        new LatLon(90, 180);
        new LatLon(-90, -180);
    }

    @Test
    void refusesAPointThatIsEmptyOrNotInDegrees() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> LatLon.of(Wgs84.FACTORY.createPoint()));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        var webMercator = new GeometryFactory(Wgs84.FACTORY.getPrecisionModel(), 3857)
                .createPoint(new Coordinate(-9_239_517, 4_865_942));
        IllegalArgumentException projected = assertThrows(IllegalArgumentException.class, () -> LatLon.of(webMercator));
        assertTrue(projected.getMessage().contains("SRID 3857"), projected.getMessage());
    }
}
