package io.curbside.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1,2,3", "1,2,3,4,5", "a,2,3,4", "10,0,5,1", "0,10,1,5", "0,0,200,1", "0,-95,1,1"})
    void refusesMalformedOrInvertedBoxes(String text) {
        assertThrows(IllegalArgumentException.class, () -> Bbox.parse(text));
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
            assertEquals(box, Bbox.parse(String.join(",", box.toList().stream().map(String::valueOf).toList())));
        }
    }
}
