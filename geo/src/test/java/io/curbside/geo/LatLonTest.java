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

    @ParameterizedTest
    @CsvSource({
            // One degree of latitude anywhere, one of longitude on the equator: the sphere's 111,195 m.
            "0,0,1,0,111195", "45,10,46,10,111195", "0,0,0,1,111195",
            // Along a parallel at 60 degrees the metres per degree of longitude halve.
            "60,5,60,6,55597",
            // Columbus to Cleveland, about 203 km (values from an independent haversine); and a pin 50 m north of another.
            "39.9612,-82.9988,41.4993,-81.6944,203296", "39.997113,-82.992588,39.997562,-82.992588,50"})
    void distancesAreInMetresOnTheSphere(double lat1, double lon1, double lat2, double lon2, double metres) {
        double d = new LatLon(lat1, lon1).metresTo(new LatLon(lat2, lon2));
        assertEquals(metres, d, metres * 0.001 + 0.5);
        assertEquals(d, new LatLon(lat2, lon2).metresTo(new LatLon(lat1, lon1)), 1e-6, "symmetric");
    }

    @Test
    void antipodesAreHalfTheEarthApartAndAPointIsZeroFromItself() {
        assertEquals(Math.PI * 6_371_008.8, new LatLon(0, 0).metresTo(new LatLon(0, 180)), 1);
        assertEquals(0, new LatLon(39.99, -82.99).metresTo(new LatLon(39.99, -82.99)));
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
