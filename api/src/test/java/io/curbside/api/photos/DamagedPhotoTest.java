package io.curbside.api.photos;

import io.curbside.api.photos.PhotoRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.curbside.api.photos.TestImages.LIMITS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Damaged, cut-off and hostile files of a supported type are refused as unreadable, and nothing else escapes. */
class DamagedPhotoTest {

    private final PhotoProcessor processor = new PhotoProcessor(LIMITS);

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "webp"})
    void aPhotoCutOffHalfWayIsUnreadable(String type) {
        byte[] whole = valid(type);

        assertUnreadable(Arrays.copyOf(whole, whole.length / 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 20, 200})
    void aJpegCutOffInItsHeadersIsUnreadable(int length) {
        assertUnreadable(Arrays.copyOf(valid("jpeg"), length));
    }

    @Test
    void aJpegWhoseHuffmanTablesAreGarbageIsUnreadable() {
        byte[] jpeg = valid("jpeg");
        byte[] damaged = jpeg.clone();
        for (int at = indexOfMarker(jpeg, 0xC4) + 4, end = at + 40; at < end; at++) {
            damaged[at] = (byte) 0xEE;
        }

        assertUnreadable(damaged);
    }

    @Test
    void aPngWhoseCompressedDataIsGarbageIsUnreadable() {
        byte[] png = valid("png");
        byte[] damaged = png.clone();
        int idat = indexOf(png, TestImages.ascii("IDAT"));
        for (int at = idat + 4; at < idat + 24; at++) {
            damaged[at] = (byte) 0x5A;
        }

        assertUnreadable(damaged);
    }

    @Test
    void aWebpCanvasHidingALargerBitstreamIsRefusedBeforeDecoding() {
        // TwelveMonkeys would size its buffers from the 16383 x 16383 bitstream, over 100 MB for 200 bytes.
        byte[] lossy = TestImages.resource("lossy.webp");
        byte[] frame = lossy.clone();
        frame[12 + 8 + 6] = (byte) 0xFF;
        frame[12 + 8 + 7] = 0x3F;
        frame[12 + 8 + 8] = (byte) 0xFF;
        frame[12 + 8 + 9] = 0x3F;
        byte[] disguised = TestImages.webpWithExif(frame, 96, 64, ExifSegment.exif().orientation(1).tiff());

        PhotoRejectedException e = assertUnreadable(disguised);

        // Decoding would end unreadable too, but only after the allocation; the header check must be what refused it.
        assertEquals("a WebP canvas of 96 x 64 holds a bitstream of 16383 x 16383", e.getCause().getMessage());
    }

    @Test
    void aLosslessWebpWhoseDataRunsOutIsStoppedInsteadOfSpinning() {
        // Three bit flips found by the mutation test below: the Huffman codes now read on past the last byte,
        // and TwelveMonkeys' bit reader swallows each EOFException (7 s for this 52-byte file without the guard).
        byte[] webp = TestImages.resource("lossless-alpha.webp");
        webp[16] ^= 0x02;
        webp[33] ^= 0x01;
        webp[43] ^= (byte) 0x80;

        PhotoRejectedException e = assertUnreadable(webp);

        assertTrue(e.getCause().getMessage().contains("read past the end of the upload"), e.getCause()::toString);
    }

    /**
     * Property: whatever is done to a valid photo (bytes flipped, overwritten, dropped, or the file cut short),
     * the result is a photo or a PhotoRejectedException, never another exception or error, and it finishes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "webp", "lossless webp"})
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void twoHundredRandomMutationsNeverThrowAnythingElse(String type) {
        byte[] original = valid(type);
        long seed = 20_261_124L + type.hashCode();
        Random random = new Random(seed);
        Map<Reason, Integer> refusals = new EnumMap<>(Reason.class);
        int accepted = 0;
        for (int i = 0; i < 200; i++) {
            byte[] mutant = mutate(original, random);
            try {
                ProcessedPhoto photo = processor.process(mutant);
                assertTrue(photo.display().width() <= LIMITS.displayEdge() && photo.display().height() <= LIMITS.displayEdge());
                TestImages.decode(photo.display().bytes());
                accepted++;
            } catch (PhotoRejectedException e) {
                refusals.merge(e.reason(), 1, Integer::sum);
            } catch (Throwable t) {
                fail("mutation " + i + " of the " + type + " (seed " + seed + ") threw " + t, t);
            }
        }
        System.out.printf("%s mutations: %d accepted, refused %s%n", type, accepted, refusals);
        assertTrue(refusals.getOrDefault(Reason.UNREADABLE, 0) > 0, "some mutations must be refused as unreadable");
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] mutant = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int n = 1 + random.nextInt(8); n > 0; n--) {
                    mutant[random.nextInt(mutant.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                int at = random.nextInt(mutant.length);
                int length = Math.min(mutant.length - at, 1 + random.nextInt(32));
                byte[] noise = new byte[length];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, mutant, at, length);
            }
            case 2 -> {
                int at = random.nextInt(mutant.length);
                int length = Math.min(mutant.length - at, 1 + random.nextInt(64));
                byte[] shorter = new byte[mutant.length - length];
                System.arraycopy(mutant, 0, shorter, 0, at);
                System.arraycopy(mutant, at + length, shorter, at, mutant.length - at - length);
                mutant = shorter;
            }
            default -> mutant = Arrays.copyOf(mutant, random.nextInt(mutant.length));
        }
        return mutant;
    }

    private byte[] valid(String type) {
        return switch (type) {
            case "jpeg" -> TestImages.withSegments(TestImages.jpeg(TestImages.scene(160, 120)),
                ExifSegment.exif().orientation(6).identifying().gps(47.6, -122.3).app1());
            case "png" -> TestImages.pngWithChunk(TestImages.png(TestImages.scene(160, 120)), "eXIf",
                ExifSegment.exif().orientation(3).tiff());
            case "webp" -> TestImages.resource("lossy-alpha.webp");
            case "lossless webp" -> TestImages.resource("lossless-alpha.webp");
            default -> throw new IllegalArgumentException(type);
        };
    }

    private PhotoRejectedException assertUnreadable(byte[] upload) {
        PhotoRejectedException e = assertThrows(PhotoRejectedException.class, () -> processor.process(upload));
        assertEquals(Reason.UNREADABLE, e.reason(), e::getMessage);
        assertTrue(e.getMessage().startsWith("The photo could not be read; it may be damaged."), e.getMessage());
        return e;
    }

    private static int indexOfMarker(byte[] jpeg, int marker) {
        return indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) marker});
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
