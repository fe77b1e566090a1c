package io.curbside.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BboxTest {

    @Test
    void parsesTheOgcOrderMinLonMinLatMaxLonMaxLat() {
        Bbox box = Bbox.parse("-83.1, 39.9,-82.9,40.1");
        assertEquals(List.of(-83.1, 39.9, -82.9, 40.1), box.toList());
        assertTrue(box.contains(new LatLon(40.0, -83.0)));
        assertFalse(box.contains(new LatLon(40.2, -83.0)));
        assertEquals(new Bbox(0, 0, 1, 1), Bbox.parse("0,0,1e0,+1."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|a bbox is four numbers",
        "1,2,3|not 3 values",
        "1,2,3,4,5,6|not 6 values",
        "a,2,3,4|\"a\" is not a number",
        "0x1p3,0,9,1|\"0x1p3\" is not a number",
        "NaN,0,1,1|\"NaN\" is not a number",
        "1d,0,2,1|\"1d\" is not a number",
        "10,0,5,1|minimum longitude 10.0 is east of maximum longitude 5.0",
        "0,10,1,5|minimum latitude 10.0 is north of maximum latitude 5.0",
        "0,0,200,1|maximum longitude 200.0 is outside [-180, 180]",
        "0,-95,1,1|minimum latitude -95.0 is outside [-90, 90]",
    })
    void refusesMalformedOrInvertedBoxesSayingWhy(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bbox.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void randomBoxesContainTheirCornersAndCentreAndNothingOutside() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            double lat1 = random.nextDouble() * 180 - 90;
            double lat2 = random.nextDouble() * 180 - 90;
            double lon1 = random.nextDouble() * 360 - 180;
            double lon2 = random.nextDouble() * 360 - 180;
            Bbox box = new Bbox(Math.min(lon1, lon2), Math.min(lat1, lat2), Math.max(lon1, lon2), Math.max(lat1, lat2));
            assertTrue(box.contains(new LatLon(box.minLat(), box.minLon())));
            assertTrue(box.contains(new LatLon(box.maxLat(), box.maxLon())));
            assertTrue(box.contains(new LatLon((box.minLat() + box.maxLat()) / 2, (box.minLon() + box.maxLon()) / 2)));
            if (box.maxLat() < 89) {
                assertFalse(box.contains(new LatLon(box.maxLat() + 0.5, box.minLon())));
            }
            if (box.minLon() > -179) {
                assertFalse(box.contains(new LatLon(box.minLat(), box.minLon() - 0.5)));
            }
            assertEquals(box, Bbox.parse(String.join(",", box.toList().stream().map(String::valueOf).toList())));
        }
    }

    @Test
    void randomPositionsAreInsideTheBoxOfTheirGeometry() {
        Random random = new Random(8);
        for (int i = 0; i < 10_000; i++) {
            Coordinate[] points = new Coordinate[1 + random.nextInt(5)];
            for (int k = 0; k < points.length; k++) {
                points[k] = new Coordinate(random.nextDouble() * 360 - 180, random.nextDouble() * 180 - 90);
            }
            Bbox box = Bbox.of(Wgs84.FACTORY.createMultiPointFromCoords(points));
            for (Coordinate c : points) {
                assertTrue(box.contains(new LatLon(c.y, c.x)));
            }
        }
    }

    @Test
    void anEmptyGeometryHasNoBox() {
        assertThrows(IllegalArgumentException.class, () -> Bbox.of(Wgs84.FACTORY.createPolygon()));
    }
}
