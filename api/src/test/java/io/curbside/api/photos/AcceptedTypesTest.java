package io.curbside.api.photos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;

import static io.curbside.api.photos.Colours.assertColourNear;
import static io.curbside.api.photos.TestImages.BLUE;
import static io.curbside.api.photos.TestImages.GREEN;
import static io.curbside.api.photos.TestImages.LIMITS;
import static io.curbside.api.photos.TestImages.RED;
import static io.curbside.api.photos.TestImages.WHITE;
import static io.curbside.api.photos.TestImages.YELLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * JPEG, PNG and WebP come out as JPEG with their colours. The WebP fixtures were made once with Debian's
 * cwebp 1.2.4 from 96x64 PNGs drawn in code: lossy.webp ({@code cwebp -q 80 -metadata none}) from four flat
 * quadrants red, green / blue, yellow; lossless-alpha.webp ({@code -lossless -exact}) and lossy-alpha.webp
 * ({@code -q 80 -alpha_q 100}) from a left half of opaque red and a right half fully transparent.
 */
class AcceptedTypesTest {

    private final PhotoProcessor processor = new PhotoProcessor(LIMITS);

    @Test
    void aJpegKeepsItsSizeAndColours() throws Exception {
        ProcessedPhoto photo = processor.process(TestImages.jpeg(TestImages.quadrants(200, 100, RED, GREEN, BLUE, YELLOW)));

        assertEquals("jpeg", photo.detectedType());
        assertEquals(200, photo.display().width());
        assertEquals(100, photo.display().height());
        assertQuadrants(TestImages.decode(photo.display().bytes()));
    }

    @Test
    void aTransparentPngIsFlattenedOntoWhite() throws Exception {
        BufferedImage drawing = new BufferedImage(120, 80, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 120; x++) {
                int argb = x < 40 ? 0xFF0000FF : x < 80 ? 0x80FF0000 : 0x00000000;
                drawing.setRGB(x, y, argb);
            }
        }

        ProcessedPhoto photo = processor.process(TestImages.png(drawing));

        assertEquals("png", photo.detectedType());
        BufferedImage out = TestImages.decode(photo.display().bytes());
        assertColourNear(BLUE, out, 20, 40, "opaque blue");
        assertColourNear(0xFF7F7F, out, 60, 40, "half-transparent red over white");
        assertColourNear(WHITE, out, 100, 40, "fully transparent");
    }

    @Test
    void aLossyWebpIsRead() throws Exception {
        ProcessedPhoto photo = processor.process(TestImages.resource("lossy.webp"));

        assertEquals("webp", photo.detectedType());
        assertEquals(96, photo.display().width());
        assertEquals(64, photo.display().height());
        assertQuadrants(TestImages.decode(photo.display().bytes()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lossless-alpha.webp", "lossy-alpha.webp"})
    void aWebpWithAlphaIsFlattenedOntoWhite(String fixture) throws Exception {
        ProcessedPhoto photo = processor.process(TestImages.resource(fixture));

        assertEquals("webp", photo.detectedType());
        BufferedImage out = TestImages.decode(photo.display().bytes());
        assertEquals(96, out.getWidth());
        assertColourNear(RED, out, 20, 32, "opaque red");
        assertColourNear(WHITE, out, 76, 32, "transparent");
    }

    private static void assertQuadrants(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        assertColourNear(RED, image, w / 5, h / 5, "top left");
        assertColourNear(GREEN, image, w * 4 / 5, h / 5, "top right");
        assertColourNear(BLUE, image, w / 5, h * 4 / 5, "bottom left");
        assertColourNear(YELLOW, image, w * 4 / 5, h * 4 / 5, "bottom right");
    }
}
