package io.curbside.api.photos;

import io.curbside.api.photos.PhotoRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;

import static io.curbside.api.photos.TestImages.LIMITS;
import static io.curbside.api.photos.TestImages.ascii;
import static io.curbside.api.photos.TestImages.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypeSniffingTest {

    private final PhotoProcessor processor = new PhotoProcessor(LIMITS);

    @Test
    void aPngSentAsAJpegIsTreatedAsThePngItIs() throws Exception {
        byte[] uploadNamedPhotoJpg = TestImages.png(TestImages.scene(120, 80));

        ProcessedPhoto photo = processor.process(uploadNamedPhotoJpg);

        assertEquals("png", photo.detectedType());
        assertEquals(120, photo.display().width());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "heic   | mif1/heic      | heic",
        "mif1   | mif1/heic      | heic",
        "heix   | mif1/heix      | heic",
        "msf1   | msf1/hevc      | heic",
        "mif1   | mif1/miaf      | heic",
        "avif   | avif/mif1/miaf | avif",
        "mif1   | mif1/avif/miaf | avif",
        "avis   | avis/msf1      | avif",
        "isom   | isom/mp41      | ''",
        "'qt  ' | 'qt  '         | ''",
    })
    void isoBmffBrandsTellHeicAndAvifFromVideo(String major, String compatible, String expected) {
        byte[] head = TestImages.isoBmff(major, compatible.split("/"));

        assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(expected), PhotoProcessor.sniff(head));
    }

    @Test
    void sniffingLooksOnlyAtMagicNumbers() {
        assertEquals(Optional.of("jpeg"), PhotoProcessor.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1}));
        assertEquals(Optional.of("png"), PhotoProcessor.sniff(TestImages.pngHeaderClaiming(1, 1)));
        assertEquals(Optional.of("webp"), PhotoProcessor.sniff(concat(ascii("RIFF"), new byte[4], ascii("WEBPVP8 "))));
        assertEquals(Optional.empty(), PhotoProcessor.sniff(concat(ascii("RIFF"), new byte[4], ascii("WAVEfmt "))));
        assertEquals(Optional.empty(), PhotoProcessor.sniff(ascii("photo.jpg")));
        assertEquals(Optional.empty(), PhotoProcessor.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8}));
        assertEquals(Optional.empty(), PhotoProcessor.sniff(new byte[0]));
    }

    @Test
    void aHeicPhotoIsRefusedWithAdviceForIphoneUsers() {
        PhotoRejectedException e = assertThrows(PhotoRejectedException.class, () -> processor.process(TestImages.heic()));

        assertEquals(Reason.UNSUPPORTED_TYPE, e.reason());
        assertEquals("The file is a HEIC photo, which this server cannot read; please send it as JPEG"
            + " (on iPhone: Settings > Camera > Formats > Most Compatible).", e.getMessage());
    }

    @Test
    void anAvifImageIsRefusedByName() {
        PhotoRejectedException e = assertThrows(PhotoRejectedException.class,
            () -> processor.process(TestImages.isoBmff("avif", "avif", "mif1", "miaf")));

        assertEquals(Reason.UNSUPPORTED_TYPE, e.reason());
        assertTrue(e.getMessage().startsWith("The file is an AVIF image, which this server cannot read"), e.getMessage());
    }

    static Stream<Arguments> notPhotos() {
        return Stream.of(
            Arguments.of(concat(ascii("GIF89a"), new byte[] {1, 0, 1, 0, (byte) 0x80, 0, 0}), "a GIF image"),
            Arguments.of(ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj"), "a PDF document"),
            Arguments.of(concat(ascii("MZ"), new byte[] {(byte) 0x90, 0, 3, 0, 0, 0, 4, 0}), "a program"),
            Arguments.of(concat(ascii("PK"), new byte[] {3, 4, 0x14, 0, 6, 0}), "a ZIP archive or office document"),
            Arguments.of(concat(ascii("II*"), new byte[] {0, 8, 0, 0, 0}), "a TIFF image or camera RAW file"),
            Arguments.of("Pothole on Elm Street, about 30 cm wide.\n".getBytes(StandardCharsets.UTF_8), "a text file"),
            Arguments.of("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8), "a text file"));
    }

    @ParameterizedTest
    @MethodSource("notPhotos")
    void otherFilesAreRefusedNamingWhatTheyAre(byte[] upload, String kind) {
        PhotoRejectedException e = assertThrows(PhotoRejectedException.class, () -> processor.process(upload));

        assertEquals(Reason.UNSUPPORTED_TYPE, e.reason());
        assertEquals("The file is " + kind + ", not a photo this server accepts; please send a JPEG, PNG or WebP photo.",
            e.getMessage());
    }

    @Test
    void unrecognisedBinaryIsRefusedWithoutGuessing() {
        byte[] upload = {0x00, 0x01, 0x02, (byte) 0xFE, 0x10, 0x00};

        PhotoRejectedException e = assertThrows(PhotoRejectedException.class, () -> processor.process(upload));

        assertEquals(Reason.UNSUPPORTED_TYPE, e.reason());
        assertEquals("The file is not a photo this server accepts; please send a JPEG, PNG or WebP photo.", e.getMessage());
    }
}
