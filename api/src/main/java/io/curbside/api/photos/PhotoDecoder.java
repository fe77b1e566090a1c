package io.curbside.api.photos;

import io.curbside.api.i18n.Messages;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** One upload in an ImageIO reader: its size from the header first, then only as many pixels as asked for. */
final class PhotoDecoder implements AutoCloseable {

    private final byte[] upload;
    private final String type;
    private final ImageReader reader;
    private final ImageInputStream input;
    private final List<String> damage = new ArrayList<>();

    private PhotoDecoder(byte[] upload, String type, ImageReader reader) {
        this.upload = upload;
        this.type = type;
        this.reader = reader;
        this.input = new UploadInputStream(upload);
        reader.addIIOReadWarningListener((source, warning) -> {
            if (meansDamaged(warning)) {
                damage.add(warning);
            }
        });
        // Metadata is never needed here (ExifFacts reads the little that is), and skipping it also skips
        // the PNG text chunks a decompression bomb could hide in.
        reader.setInput(input, true, true);
    }

    /** A reader for a type {@link FileSignature} recognised: "jpeg", "png" or "webp". */
    static PhotoDecoder open(byte[] upload, String type) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + type + "; are the TwelveMonkeys plugins on the class path?");
        }
        return new PhotoDecoder(upload, type, readers.next());
    }

    /** Width and height as the header states them, before any pixel is decoded. */
    Dimension size() throws PhotoRejectedException {
        Dimension size;
        try {
            size = new Dimension(reader.getWidth(0), reader.getHeight(0));
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
        if (type.equals("webp")) {
            Optional<Dimension> declared = WebpBitstream.declaredSize(upload);
            if (declared.isPresent() && !declared.get().equals(size)) {
                throw unreadable(new IIOException("a WebP canvas of " + size.width + " x " + size.height
                    + " holds a bitstream of " + declared.get().width + " x " + declared.get().height));
            }
        }
        return size;
    }

    /** The pixels, one in every {@code subsampling} rows and columns, opaque and in sRGB. */
    BufferedImage read(int subsampling) throws PhotoRejectedException {
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        BufferedImage decoded;
        try {
            decoded = reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
        if (!damage.isEmpty()) {
            throw unreadable(new IIOException(String.join("; ", damage)));
        }
        return onWhite(decoded);
    }

    private static PhotoRejectedException unreadable(Exception cause) {
        return new PhotoRejectedException(PhotoRejectedException.Reason.UNREADABLE,
            Messages.problem("problem.photo.unreadable", Map.of()), cause);
    }

    @Override
    public void close() {
        reader.dispose();
        try {
            input.close();
        } catch (IOException inMemory) {
            // Nothing to release: the stream only ever held the upload's byte array.
        }
    }

    // JPEG has no transparency; white is what a transparent PNG or WebP shows on most pages and in most viewers.
    // Drawing also turns grey, indexed, 16-bit and CMYK-converted rasters into plain 8-bit sRGB.
    private static BufferedImage onWhite(BufferedImage decoded) {
        return PhotoGeometry.redrawn(decoded, BufferedImage.TYPE_INT_RGB, Color.WHITE);
    }

    // libjpeg and TwelveMonkeys decode on past missing or garbled data, filling grey, and only warn.
    // "Extraneous bytes before marker" is not counted: many cameras write it and the picture is whole.
    private static boolean meansDamaged(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("premature end")
            || w.contains("truncated")
            || w.startsWith("corrupt jpeg data") && !w.contains("extraneous bytes");
    }
}
