package io.curbside.api.photos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;

import static io.curbside.api.photos.Colours.assertColourNear;
import static io.curbside.api.photos.TestImages.BLUE;
import static io.curbside.api.photos.TestImages.GREEN;
import static io.curbside.api.photos.TestImages.LIMITS;
import static io.curbside.api.photos.TestImages.RED;
import static io.curbside.api.photos.TestImages.YELLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The display size and thumbnail keep the photo's proportions, with limits of 1600 and 320 pixels on the long side. */
class PhotoSizesTest {

    private final PhotoProcessor processor = new PhotoProcessor(LIMITS);

    @Test
    void aTwelveMegapixelPhotoIsShrunkToBothSizesWithItsPictureIntact() throws Exception {
        byte[] upload = TestImages.jpeg(TestImages.quadrants(4000, 3000, RED, GREEN, BLUE, YELLOW));

        ProcessedPhoto photo = processor.process(upload);

        assertEquals(1600, photo.display().width());
        assertEquals(1200, photo.display().height());
        assertEquals(320, photo.thumbnail().width());
        assertEquals(240, photo.thumbnail().height());
        for (ProcessedPhoto.Jpeg size : new ProcessedPhoto.Jpeg[] {photo.display(), photo.thumbnail()}) {
            BufferedImage image = TestImages.decode(size.bytes());
            assertEquals(size.width(), image.getWidth(), "declared width is the real one");
            assertEquals(size.height(), image.getHeight(), "declared height is the real one");
            int w = image.getWidth();
            int h = image.getHeight();
            assertColourNear(RED, image, w / 4, h / 4, "top left");
            assertColourNear(GREEN, image, w * 3 / 4, h / 4, "top right");
            assertColourNear(BLUE, image, w / 4, h * 3 / 4, "bottom left");
            assertColourNear(YELLOW, image, w * 3 / 4, h * 3 / 4, "bottom right");
        }
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({
        // width, height, display width, display height, thumbnail width, thumbnail height
        "3000, 4000, 1200, 1600, 240, 320",
        "3300, 2200, 1600, 1067, 320, 213",
        "1601, 1601, 1600, 1600, 320, 320",
        "1600, 900, 1600, 900, 320, 180",
        "5000, 40, 1600, 13, 320, 3",
        "640, 480, 640, 480, 320, 240",
        "100, 50, 100, 50, 100, 50",
    })
    void sizesKeepTheProportionsAndAreNeverEnlarged(int width, int height, int displayWidth, int displayHeight,
                                                    int thumbnailWidth, int thumbnailHeight) throws Exception {
        ProcessedPhoto photo = processor.process(TestImages.jpeg(TestImages.scene(width, height)));

        assertEquals(displayWidth + " x " + displayHeight, photo.display().width() + " x " + photo.display().height());
        assertEquals(thumbnailWidth + " x " + thumbnailHeight, photo.thumbnail().width() + " x " + photo.thumbnail().height());
        BufferedImage thumbnail = TestImages.decode(photo.thumbnail().bytes());
        assertEquals(thumbnailWidth, thumbnail.getWidth());
        assertEquals(thumbnailHeight, thumbnail.getHeight());
    }
}
