package io.curbside.api.photos;

import io.curbside.geo.LatLon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.util.Optional;

import static io.curbside.api.photos.Colours.assertColourNear;
import static io.curbside.api.photos.TestImages.BLUE;
import static io.curbside.api.photos.TestImages.GREEN;
import static io.curbside.api.photos.TestImages.LIMITS;
import static io.curbside.api.photos.TestImages.RED;
import static io.curbside.api.photos.TestImages.YELLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where the camera says the photo was taken, offered back to the resident as a suggestion. */
class GpsSuggestionTest {

    private final PhotoProcessor processor = new PhotoProcessor(LIMITS);
    private final byte[] plainJpeg = TestImages.jpeg(TestImages.scene(200, 150));

    @ParameterizedTest
    @CsvSource({"47.6062095, -122.3320708", "-33.8567844, 151.2152967", "64.1265, -21.8174", "-0.0001, 0.0001"})
    void theExifPositionIsReturnedInEveryQuadrant(double lat, double lon) throws Exception {
        byte[] upload = TestImages.withSegments(plainJpeg, ExifSegment.exif().gps(lat, lon).app1());

        LatLon position = processor.process(upload).gps().orElseThrow();

        assertEquals(lat, position.lat(), 1e-6);
        assertEquals(lon, position.lon(), 1e-6);
    }

    @Test
    void noExifMeansNoSuggestion() throws Exception {
        assertEquals(Optional.empty(), processor.process(plainJpeg).gps());
    }

    @Test
    void exifWithoutAGpsBlockMeansNoSuggestion() throws Exception {
        byte[] upload = TestImages.withSegments(plainJpeg, ExifSegment.exif().orientation(1).identifying().app1());

        assertEquals(Optional.empty(), processor.process(upload).gps());
    }

    @Test
    void zeroZeroIsACameraWithoutAFixNotAPlaceInTheGulfOfGuinea() throws Exception {
        byte[] upload = TestImages.withSegments(plainJpeg, ExifSegment.exif().gps(0, 0).app1());

        assertEquals(Optional.empty(), processor.process(upload).gps());
    }

    @Test
    void aLatitudeBeyondNinetyDegreesIsIgnored() throws Exception {
        byte[] upload = TestImages.withSegments(plainJpeg, ExifSegment.exif().gps(123.5, 10).app1());

        assertEquals(Optional.empty(), processor.process(upload).gps());
    }

    @Test
    void brokenExifIsIgnoredAndThePhotoStillAccepted() throws Exception {
        byte[] garbage = TestImages.concat(TestImages.ascii("Exif\0\0MM\0*\u0000\u0000\u0000\u0008\u00FF\u00FF"), new byte[40]);
        byte[] upload = TestImages.withSegments(plainJpeg, TestImages.segment(0xE1, garbage));

        ProcessedPhoto photo = processor.process(upload);

        assertEquals(Optional.empty(), photo.gps());
        assertEquals(200, photo.display().width());
    }

    @Test
    void aPngCarriesItsPositionInAnExifChunk() throws Exception {
        byte[] png = TestImages.pngWithChunk(TestImages.png(TestImages.scene(120, 90)), "eXIf",
            ExifSegment.exif().gps(45.5016889, -73.567256).tiff());

        LatLon position = processor.process(png).gps().orElseThrow();

        assertEquals(45.5016889, position.lat(), 1e-6);
        assertEquals(-73.567256, position.lon(), 1e-6);
    }

    @Test
    void aWebpCarriesPositionAndOrientationInItsExifChunk() throws Exception {
        byte[] webp = TestImages.webpWithExif(TestImages.resource("lossy.webp"), 96, 64,
            ExifSegment.exif().orientation(6).gps(52.3676, 4.9041).tiff());

        ProcessedPhoto photo = processor.process(webp);

        LatLon position = photo.gps().orElseThrow();
        assertEquals(52.3676, position.lat(), 1e-6);
        assertEquals(4.9041, position.lon(), 1e-6);
        assertEquals(64, photo.display().width());
        assertEquals(96, photo.display().height());
        // Orientation 6: the stored top row becomes the right-hand column.
        BufferedImage upright = TestImages.decode(photo.display().bytes());
        assertColourNear(BLUE, upright, 12, 12, "top left");
        assertColourNear(RED, upright, 52, 12, "top right");
        assertColourNear(YELLOW, upright, 12, 84, "bottom left");
        assertColourNear(GREEN, upright, 52, 84, "bottom right");
        assertEquals("webp", photo.detectedType());
    }
}
