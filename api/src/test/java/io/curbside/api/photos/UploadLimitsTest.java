package io.curbside.api.photos;

import io.curbside.api.photos.PhotoRejectedException.Reason;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static io.curbside.api.photos.TestImages.ascii;
import static io.curbside.api.photos.TestImages.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadLimitsTest {

    @Test
    void anUploadOneByteOverTheCapIsRefusedAndOneAtTheCapIsNot() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.scene(64, 48));

        PhotoRejectedException e = assertThrows(PhotoRejectedException.class,
            () -> new PhotoProcessor(new PhotoLimits(jpeg.length - 1, 1_000_000, 1600, 320)).process(jpeg));
        ProcessedPhoto atTheCap = new PhotoProcessor(new PhotoLimits(jpeg.length, 1_000_000, 1600, 320)).process(jpeg);

        assertEquals(Reason.TOO_MANY_BYTES, e.reason());
        assertEquals(64, atTheCap.display().width());
    }

    @Test
    void theByteCapIsCheckedBeforeTheTypeOrTheHeader() {
        PhotoProcessor processor = new PhotoProcessor(new PhotoLimits(12_000_000, 50_000_000, 1600, 320));
        byte[] bigHeic = concat(TestImages.heic(), new byte[12_500_000]);

        PhotoRejectedException e = assertThrows(PhotoRejectedException.class, () -> processor.process(bigHeic));

        assertEquals(Reason.TOO_MANY_BYTES, e.reason());
        assertEquals("The photo is 12.5 MB; the largest accepted is 12 MB.", e.getMessage());
    }

    @Test
    void aPhotoOverThePixelCapIsRefusedNamingItsSize() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.scene(400, 300));

        PhotoRejectedException e = assertThrows(PhotoRejectedException.class,
            () -> new PhotoProcessor(new PhotoLimits(10_000_000, 119_999, 1600, 320)).process(jpeg));
        ProcessedPhoto atTheCap = new PhotoProcessor(new PhotoLimits(10_000_000, 120_000, 1600, 320)).process(jpeg);

        assertEquals(Reason.TOO_MANY_PIXELS, e.reason());
        assertTrue(e.getMessage().startsWith("The photo is 400 x 300 pixels"), e.getMessage());
        assertEquals(400, atTheCap.display().width());
    }

    @Test
    void aPngHeaderClaimingTenGigapixelsIsRefusedFromTheHeader() {
        PhotoProcessor processor = new PhotoProcessor(new PhotoLimits(10_000_000, 50_000_000, 1600, 320));
        // 100000 x 100000 x 3 bytes would be a 30 GB raster; the file itself is 70 bytes.
        byte[] bomb = TestImages.pngHeaderClaiming(100_000, 100_000);

        PhotoRejectedException e = assertThrows(PhotoRejectedException.class, () -> processor.process(bomb));

        assertEquals(Reason.TOO_MANY_PIXELS, e.reason());
        assertEquals("The photo is 100000 x 100000 pixels (10,000 megapixels); the most accepted is 50 megapixels.",
            e.getMessage());
    }

    @Test
    void aWidthAndHeightWhoseProductOverflowsAnIntIsStillCaught() {
        PhotoProcessor processor = new PhotoProcessor(new PhotoLimits(10_000_000, 50_000_000, 1600, 320));
        // 65536 x 65536 is 2^32: as an int product it would be 0.
        PhotoRejectedException e = assertThrows(PhotoRejectedException.class,
            () -> processor.process(TestImages.pngHeaderClaiming(65_536, 65_536)));

        assertEquals(Reason.TOO_MANY_PIXELS, e.reason());
    }

    @Test
    void aWebpHeaderClaimingMoreThanTheCapIsRefusedFromTheHeader() {
        PhotoProcessor processor = new PhotoProcessor(new PhotoLimits(10_000_000, 50_000_000, 1600, 320));
        // An extended-format (VP8X) header may claim a canvas of up to 2^24 x 2^24 pixels.
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).putInt(0);
        vp8x.put((byte) 0x3F).put((byte) 0x9C).put((byte) 0)
            .put((byte) 0x3F).put((byte) 0x9C).put((byte) 0);
        byte[] chunk = concat(ascii("VP8X"), new byte[] {10, 0, 0, 0}, vp8x.array());
        byte[] webp = concat(ascii("RIFF"), new byte[] {(byte) (4 + chunk.length), 0, 0, 0}, ascii("WEBP"), chunk);

        PhotoRejectedException e = assertThrows(PhotoRejectedException.class, () -> processor.process(webp));

        assertEquals(Reason.TOO_MANY_PIXELS, e.reason());
        assertTrue(e.getMessage().startsWith("The photo is 40000 x 40000 pixels"), e.getMessage());
    }

    @Test
    void aHeaderClaimingZeroWidthIsUnreadable() {
        PhotoProcessor processor = new PhotoProcessor(new PhotoLimits(10_000_000, 50_000_000, 1600, 320));

        PhotoRejectedException e = assertThrows(PhotoRejectedException.class,
            () -> processor.process(TestImages.pngHeaderClaiming(0, 100)));

        assertEquals(Reason.UNREADABLE, e.reason());
    }
}
