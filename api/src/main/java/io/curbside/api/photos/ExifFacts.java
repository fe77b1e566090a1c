package io.curbside.api.photos;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngChunk;
import com.drew.imaging.png.PngChunkReader;
import com.drew.imaging.png.PngChunkType;
import com.drew.imaging.png.PngProcessingException;
import com.drew.lang.ByteArrayReader;
import com.drew.lang.GeoLocation;
import com.drew.lang.StreamReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.GpsDirectory;
import io.curbside.geo.LatLon;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The two things Curbside wants from a photo's EXIF: which way up it is, and where it was taken.
 *
 * @param orientation the EXIF orientation, 1 (as stored) to 8
 * @param gps         where the camera said it was, if it said so believably
 */
record ExifFacts(int orientation, Optional<LatLon> gps) {

    static final ExifFacts NONE = new ExifFacts(1, Optional.empty());

    /**
     * Reads only the EXIF block: metadata-extractor's full readers would also inflate PNG text chunks and
     * parse XMP, work (and a decompression-bomb risk) for data Curbside throws away.
     */
    static ExifFacts read(byte[] upload, String type) {
        try {
            Metadata metadata = switch (type) {
                case "jpeg" -> JpegMetadataReader.readMetadata(new ByteArrayInputStream(upload), List.of(new ExifReader()));
                case "png" -> pngExif(upload);
                case "webp" -> webpExif(upload);
                default -> new Metadata();
            };
            return new ExifFacts(orientation(metadata), gps(metadata));
        } catch (Exception e) {
            // Broken EXIF is common in real photos and says nothing about the pixels: treat it as absent.
            return NONE;
        }
    }

    private static int orientation(Metadata metadata) {
        for (ExifIFD0Directory ifd0 : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
            Integer value = ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            if (value != null && value >= 1 && value <= 8) {
                return value;
            }
        }
        return 1;
    }

    private static Optional<LatLon> gps(Metadata metadata) {
        for (GpsDirectory directory : metadata.getDirectoriesOfType(GpsDirectory.class)) {
            GeoLocation location = directory.getGeoLocation();
            // 0,0 is what many cameras write when they had no fix.
            if (location == null || location.isZero()) {
                continue;
            }
            try {
                return Optional.of(new LatLon(location.getLatitude(), location.getLongitude()));
            } catch (IllegalArgumentException outOfRange) {
                // Try the next directory, if any.
            }
        }
        return Optional.empty();
    }

    private static Metadata pngExif(byte[] png) throws PngProcessingException, IOException {
        Metadata metadata = new Metadata();
        for (PngChunk chunk : new PngChunkReader().extract(new StreamReader(new ByteArrayInputStream(png)), Set.of(PngChunkType.eXIf))) {
            new ExifReader().extract(new ByteArrayReader(chunk.getBytes()), metadata);
        }
        return metadata;
    }

    // A WebP file is RIFF: little-endian chunks, each padded to an even length; EXIF is in the "EXIF" chunk.
    private static Metadata webpExif(byte[] riff) {
        Metadata metadata = new Metadata();
        ByteBuffer buffer = ByteBuffer.wrap(riff).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        while (at + 8 <= riff.length) {
            String fourCc = new String(riff, at, 4, StandardCharsets.ISO_8859_1);
            long length = buffer.getInt(at + 4) & 0xFFFFFFFFL;
            int start = at + 8;
            if (start + length > riff.length) {
                break;
            }
            if (fourCc.equals("EXIF")) {
                byte[] exif = Arrays.copyOfRange(riff, start, (int) (start + length));
                // Some writers keep JPEG's "Exif\0\0" preamble, which the WebP specification leaves out.
                int tiffStart = ExifReader.startsWithJpegExifPreamble(exif) ? ExifReader.JPEG_SEGMENT_PREAMBLE.length() : 0;
                new ExifReader().extract(new ByteArrayReader(exif, tiffStart), metadata);
                break;
            }
            at = (int) (start + length + (length & 1));
        }
        return metadata;
    }
}
