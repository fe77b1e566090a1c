package io.curbside.api.photos;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.curbside.api.photos.JpegMarkers.APP0;
import static io.curbside.api.photos.JpegMarkers.COM;
import static io.curbside.api.photos.JpegMarkers.EOI;
import static io.curbside.api.photos.JpegMarkers.SOI;
import static io.curbside.api.photos.TestImages.LIMITS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing a phone wrote about the resident, the device or the place survives into either stored size. */
class MetadataStrippingTest {

    private static final int SOF0 = 0xC0;
    private static final int SOF2 = 0xC2;

    private static byte[] upload;
    private static ProcessedPhoto photo;

    @BeforeAll
    static void processACameraJpegCarryingEverything() throws Exception {
        upload = TestImages.withSegments(
            TestImages.jpeg(TestImages.scene(640, 480)),
            ExifSegment.exif().orientation(1).identifying().gps(47.6062095, -122.3320708).app1(),
            TestImages.xmpSegment(),
            TestImages.iccSegment(),
            TestImages.commentSegment("Jane Resident, 14 Elm Street"));
        photo = new PhotoProcessor(LIMITS).process(upload);
    }

    @Test
    void theUploadReallyCarriedEveryKindOfMetadata() throws Exception {
        Metadata before = JpegMetadataReader.readMetadata(new ByteArrayInputStream(upload));

        assertEquals("Jane Resident", before.getFirstDirectoryOfType(ExifIFD0Directory.class).getString(ExifIFD0Directory.TAG_ARTIST));
        assertTrue(before.containsDirectoryOfType(GpsDirectory.class));
        assertTrue(before.containsDirectoryOfType(XmpDirectory.class));
        assertTrue(JpegMarkers.of(upload).containsAll(List.of(0xE1, 0xE2, COM)));
    }

    @Test
    void bothSizesHaveOnlyAJfifHeaderTablesAndOneBaselineScan() {
        for (ProcessedPhoto.Jpeg jpeg : List.of(photo.display(), photo.thumbnail())) {
            List<Integer> markers = JpegMarkers.of(jpeg.bytes());

            assertEquals(SOI, markers.get(0));
            assertEquals(APP0, markers.get(1));
            assertEquals(EOI, markers.get(markers.size() - 1));
            assertTrue(markers.contains(SOF0), "baseline frame");
            assertFalse(markers.contains(SOF2), "progressive frame");
            assertEquals(List.of(), applicationOrCommentMarkersAfterTheFirst(markers), "APP1..APP15 or COM left in");
            assertArrayEquals("JFIF\0".getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOf(JpegMarkers.firstPayload(jpeg.bytes(), APP0), 5));
        }
    }

    @Test
    void metadataExtractorFindsNoExifGpsOrXmpInEitherSize() throws Exception {
        for (ProcessedPhoto.Jpeg jpeg : List.of(photo.display(), photo.thumbnail())) {
            Metadata after = JpegMetadataReader.readMetadata(new ByteArrayInputStream(jpeg.bytes()));
            List<String> names = new ArrayList<>();
            for (Directory directory : after.getDirectories()) {
                names.add(directory.getName());
            }

            assertFalse(after.containsDirectoryOfType(ExifIFD0Directory.class), names.toString());
            assertFalse(after.containsDirectoryOfType(GpsDirectory.class), names.toString());
            assertFalse(after.containsDirectoryOfType(XmpDirectory.class), names.toString());
            assertFalse(new String(jpeg.bytes(), StandardCharsets.ISO_8859_1).contains("Jane Resident"));
        }
    }

    private static List<Integer> applicationOrCommentMarkersAfterTheFirst(List<Integer> markers) {
        return markers.stream()
            .skip(2)
            .filter(m -> m >= 0xE0 && m <= 0xEF || m == COM)
            .toList();
    }
}
