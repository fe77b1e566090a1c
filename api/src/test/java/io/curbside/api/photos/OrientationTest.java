package io.curbside.api.photos;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.util.Map;

import static io.curbside.api.photos.Colours.assertColourNear;
import static io.curbside.api.photos.TestImages.BLUE;
import static io.curbside.api.photos.TestImages.GREEN;
import static io.curbside.api.photos.TestImages.LIMITS;
import static io.curbside.api.photos.TestImages.RED;
import static io.curbside.api.photos.TestImages.YELLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A camera stores the sensor's rows as they came and writes an EXIF orientation saying how to turn them.
 * The upright picture here is 480 x 240 with red top left, green top right, blue bottom left and yellow
 * bottom right; each row of the table says which upright corner each stored corner shows, read off the
 * EXIF 2.3 definitions ("the 0th row is the visual right-hand side, the 0th column the visual top" for 6).
 */
class OrientationTest {

    private static final Map<String, Integer> UPRIGHT = Map.of("TL", RED, "TR", GREEN, "BL", BLUE, "BR", YELLOW);

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
        // orientation, stored top-left, top-right, bottom-left, bottom-right
        "1, TL, TR, BL, BR",
        "2, TR, TL, BR, BL",
        "3, BR, BL, TR, TL",
        "4, BL, BR, TL, TR",
        "5, TL, BL, TR, BR",
        "6, TR, BR, TL, BL",
        "7, BR, TR, BL, TL",
        "8, BL, TL, BR, TR",
    })
    void bothSizesComeOutAsAViewerShowsThem(int orientation, String topLeft, String topRight, String bottomLeft, String bottomRight)
        throws Exception {
        boolean turned = orientation >= 5;
        BufferedImage stored = TestImages.quadrants(turned ? 240 : 480, turned ? 480 : 240,
            UPRIGHT.get(topLeft), UPRIGHT.get(topRight), UPRIGHT.get(bottomLeft), UPRIGHT.get(bottomRight));
        byte[] upload = TestImages.withSegments(TestImages.jpeg(stored), ExifSegment.exif().orientation(orientation).app1());

        ProcessedPhoto photo = new PhotoProcessor(LIMITS).process(upload);

        assertEquals(480, photo.display().width());
        assertEquals(240, photo.display().height());
        assertEquals(320, photo.thumbnail().width());
        assertEquals(160, photo.thumbnail().height());
        assertUpright(TestImages.decode(photo.display().bytes()));
        assertUpright(TestImages.decode(photo.thumbnail().bytes()));
    }

    private static void assertUpright(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        assertColourNear(RED, image, w / 8, h / 8, "top left");
        assertColourNear(GREEN, image, w * 7 / 8, h / 8, "top right");
        assertColourNear(BLUE, image, w / 8, h * 7 / 8, "bottom left");
        assertColourNear(YELLOW, image, w * 7 / 8, h * 7 / 8, "bottom right");
    }
}
