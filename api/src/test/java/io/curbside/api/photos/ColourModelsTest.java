package io.curbside.api.photos;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import org.junit.jupiter.api.Test;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;

import static io.curbside.api.photos.Colours.assertColourNear;
import static io.curbside.api.photos.TestImages.LIMITS;
import static io.curbside.api.photos.TestImages.WHITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever colour model the upload used, the output is 8-bit sRGB with the same colours. */
class ColourModelsTest {

    private static final int SOF0 = 0xC0;
    private static final int ADOBE_APP14 = 0xEE;

    private final PhotoProcessor processor = new PhotoProcessor(LIMITS);

    @Test
    void aGreyscaleJpegKeepsItsGreyLevels() throws Exception {
        BufferedImage grey = new BufferedImage(200, 100, BufferedImage.TYPE_BYTE_GRAY);
        int[] levels = {0x20, 0x80, 0xC0, 0xF0};
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                grey.getRaster().setSample(x, y, 0, levels[x / 50]);
            }
        }
        byte[] upload = TestImages.jpeg(grey);
        assertEquals(1, componentsOf(upload), "the upload is a one-component JPEG");

        BufferedImage out = TestImages.decode(processor.process(upload).display().bytes());

        for (int i = 0; i < levels.length; i++) {
            // Grey taken for linear light and converted to sRGB would come out much lighter: 0x80 near 0xBC.
            int rgb = out.getRGB(25 + 50 * i, 50);
            assertTrue(Colours.distance(levels[i] * 0x010101, rgb & 0xFFFFFF) <= 6,
                "grey level " + Integer.toHexString(levels[i]) + " came out " + Integer.toHexString(rgb));
        }
    }

    @Test
    void aCmykJpegComesOutInRgb() throws Exception {
        ColorSpace cmyk = ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK);
        ColorModel model = new ComponentColorModel(cmyk, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(128, 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                raster.setPixel(x, y, x < 64 ? new int[] {255, 0, 0, 0} : new int[] {0, 0, 0, 255});
            }
        }
        // TwelveMonkeys' JPEG writer, first in ImageIO's list, writes CMYK with an Adobe APP14 marker as Photoshop does.
        byte[] upload = TestImages.jpeg(new BufferedImage(model, raster, false, null));
        assertEquals(4, componentsOf(upload), "the upload is a four-component JPEG");
        assertTrue(JpegMarkers.of(upload).contains(ADOBE_APP14), "the upload has an Adobe marker");

        ProcessedPhoto photo = processor.process(upload);

        BufferedImage out = TestImages.decode(photo.display().bytes());
        assertEquals(3, componentsOf(photo.display().bytes()));
        int cyan = out.getRGB(32, 32);
        assertTrue(((cyan >> 16) & 0xFF) < 60 && (cyan & 0xFF) > 180, "pure cyan ink came out " + Integer.toHexString(cyan));
        assertColourNear(0x000000, out, 96, 32, "black ink");
    }

    @Test
    void aPalettePngWithATransparentEntryIsFlattenedOntoWhite() throws Exception {
        byte[] reds = {(byte) 255, 0, 0};
        byte[] greens = {0, 0, 0};
        byte[] blues = {0, (byte) 255, 0};
        byte[] alphas = {(byte) 255, (byte) 255, 0};
        BufferedImage indexed = new BufferedImage(90, 30, BufferedImage.TYPE_BYTE_INDEXED,
            new IndexColorModel(2, 3, reds, greens, blues, alphas));
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 90; x++) {
                indexed.getRaster().setSample(x, y, 0, x / 30);
            }
        }

        BufferedImage out = TestImages.decode(processor.process(TestImages.png(indexed)).display().bytes());

        assertColourNear(0xFF0000, out, 15, 15, "palette red");
        assertColourNear(0x0000FF, out, 45, 15, "palette blue");
        assertColourNear(WHITE, out, 75, 15, "transparent palette entry");
    }

    @Test
    void aSixteenBitPngIsReducedToEightBits() throws Exception {
        BufferedImage deep = new BufferedImage(64, 64, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                deep.getRaster().setSample(x, y, 0, 0x8080);
            }
        }

        BufferedImage out = TestImages.decode(processor.process(TestImages.png(deep)).display().bytes());

        assertColourNear(0x808080, out, 32, 32, "16-bit mid grey");
    }

    // The component count in the baseline frame header: precision, height, width, then the count.
    private static int componentsOf(byte[] jpeg) {
        return JpegMarkers.firstPayload(jpeg, SOF0)[5];
    }
}
