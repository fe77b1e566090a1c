package io.curbside.api.photos;

import io.curbside.api.i18n.Messages;
import io.curbside.api.photos.PhotoRejectedException.Reason;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Checks a resident's upload and turns it into two upright JPEGs with no metadata, or says why not. */
public final class PhotoProcessor {

    private static final float DISPLAY_QUALITY = 0.85f;
    private static final float THUMBNAIL_QUALITY = 0.80f;

    private final PhotoLimits limits;

    public PhotoProcessor(PhotoLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Thread-safe. */
    public ProcessedPhoto process(byte[] upload) throws PhotoRejectedException {
        if (upload.length > limits.maxBytes()) {
            throw new PhotoRejectedException(Reason.TOO_MANY_BYTES, Messages.problem("problem.photo.megabytes",
                Map.of("size", megabytes(upload.length), "max", megabytes(limits.maxBytes()))));
        }
        String type = sniff(upload).orElseThrow(() -> notAPhoto(upload));
        if (type.equals("heic") || type.equals("avif")) {
            throw cannotDecode(type);
        }
        try (PhotoDecoder decoder = PhotoDecoder.open(upload, type)) {
            Dimension size = decoder.size();
            checkPixels(size);
            ExifFacts exif = ExifFacts.read(upload, type);
            BufferedImage decoded = decoder.read(subsampling(size));
            BufferedImage display = PhotoGeometry.upright(PhotoGeometry.fitLongEdge(decoded, limits.displayEdge()), exif.orientation());
            BufferedImage thumbnail = PhotoGeometry.fitLongEdge(display, limits.thumbnailEdge());
            return new ProcessedPhoto(
                JpegEncoder.encode(display, DISPLAY_QUALITY),
                JpegEncoder.encode(thumbnail, THUMBNAIL_QUALITY),
                type,
                exif.gps());
        }
    }

    /** "jpeg", "png", "webp", "heic" (any ISO-BMFF HEIF/AVIF brand counts as "heic"/"avif"), or empty: from magic bytes only. */
    public static Optional<String> sniff(byte[] head) {
        return FileSignature.sniff(head);
    }

    private void checkPixels(Dimension size) throws PhotoRejectedException {
        if (size.width < 1 || size.height < 1) {
            throw new PhotoRejectedException(Reason.UNREADABLE, Messages.problem("problem.photo.impossible_size",
                Map.of("width", String.valueOf(size.width), "height", String.valueOf(size.height))));
        }
        long pixels = (long) size.width * size.height;
        if (pixels > limits.maxPixels()) {
            throw new PhotoRejectedException(Reason.TOO_MANY_PIXELS, Messages.problem("problem.photo.megapixels",
                Map.of("width", String.valueOf(size.width), "height", String.valueOf(size.height),
                    "size", megapixels(pixels), "max", megapixels(limits.maxPixels()))));
        }
    }

    // Decoding all 48 megapixels of a phone photo to show 2 of them would take hundreds of megabytes; keeping one
    // in every n rows and columns at decode time caps the raster at twice the display edge, then fitLongEdge
    // shrinks it properly.
    private int subsampling(Dimension size) {
        long longEdge = Math.max(size.width, size.height);
        long cap = 2L * limits.displayEdge();
        return (int) Math.max(1, (longEdge + cap - 1) / cap);
    }

    private static PhotoRejectedException cannotDecode(String type) {
        return new PhotoRejectedException(Reason.UNSUPPORTED_TYPE,
            Messages.problem(type.equals("heic") ? "problem.photo.heic" : "problem.photo.avif", Map.of()));
    }

    private static PhotoRejectedException notAPhoto(byte[] upload) {
        return new PhotoRejectedException(Reason.UNSUPPORTED_TYPE, FileSignature.describeOther(upload)
            .map(kind -> Messages.problem("problem.photo.not_a_photo.kind", Map.of("kind", kind)))
            .orElseGet(() -> Messages.problem("problem.photo.not_a_photo", Map.of())));
    }

    private static String megabytes(long bytes) {
        return decimal().format(bytes / 1_000_000.0);
    }

    private static String megapixels(long pixels) {
        return decimal().format(pixels / 1_000_000.0);
    }

    // DecimalFormat is not thread-safe, so each message gets its own.
    private static DecimalFormat decimal() {
        return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
