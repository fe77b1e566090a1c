package io.curbside.api.photos;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Colour checks that allow for what JPEG compression does to flat colour. */
final class Colours {

    private Colours() {
    }

    static void assertColourNear(int expectedRgb, BufferedImage image, int x, int y, String where) {
        int actual = image.getRGB(x, y) & 0xFFFFFF;
        assertTrue(distance(expectedRgb, actual) <= 40, () -> String.format(
            "%s at (%d,%d): expected about #%06X, got #%06X", where, x, y, expectedRgb, actual));
    }

    /** The largest difference in any one channel. */
    static int distance(int a, int b) {
        int max = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            max = Math.max(max, Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)));
        }
        return max;
    }
}
