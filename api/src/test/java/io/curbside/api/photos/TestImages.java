package io.curbside.api.photos;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/** Pictures for the photo tests, made in code, and the bytes phones and other programs would send. */
final class TestImages {

    static final int RED = 0xFF0000;
    static final int GREEN = 0x00FF00;
    static final int BLUE = 0x0000FF;
    static final int YELLOW = 0xFFFF00;
    static final int WHITE = 0xFFFFFF;

    static final PhotoLimits LIMITS = new PhotoLimits(10_000_000, 50_000_000, 1600, 320);

    private TestImages() {
    }

    /** Four flat quadrants, coloured top-left, top-right, bottom-left, bottom-right. */
    static BufferedImage quadrants(int width, int height, int topLeft, int topRight, int bottomLeft, int bottomRight) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean left = x < width / 2;
                boolean top = y < height / 2;
                image.setRGB(x, y, top ? (left ? topLeft : topRight) : (left ? bottomLeft : bottomRight));
            }
        }
        return image;
    }

    /** Something closer to a photograph than flat colour: soft gradients and a few shapes. */
    static BufferedImage scene(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(90, 140, 200), width, height, new Color(230, 210, 160)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(60, 60, 60));
        g.fillOval(width / 4, height / 3, width / 2, height / 3);
        g.setColor(new Color(200, 40, 30));
        g.fillRect(width / 10, height / 10, width / 8, height / 8);
        g.dispose();
        return image;
    }

    static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture from src/test/resources/io/curbside/api/photos. */
    static byte[] resource(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JPEG with the segments put right after its start-of-image marker, where cameras put EXIF. */
    static byte[] withSegments(byte[] jpeg, byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        for (byte[] segment : segments) {
            out.writeBytes(segment);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** One JPEG marker segment: FF, the marker, a two-byte length counting itself, the payload. */
    static byte[] segment(int marker, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length)
            .put((byte) 0xFF).put((byte) marker).putShort((short) (2 + payload.length)).put(payload)
            .array();
    }

    static byte[] xmpSegment() {
        String packet = "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>"
            + "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
            + "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'"
            + " xmlns:exif='http://ns.adobe.com/exif/1.0/' exif:GPSLatitude='47,36.3726N' exif:GPSLongitude='122,19.9278W'>"
            + "<dc:creator><rdf:Seq><rdf:li>Jane Resident</rdf:li></rdf:Seq></dc:creator>"
            + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";
        return segment(0xE1, concat(ascii("http://ns.adobe.com/xap/1.0/\0"), packet.getBytes(StandardCharsets.UTF_8)));
    }

    /** An APP2 ICC profile, here the JDK's sRGB one with its copyright and description tags. */
    static byte[] iccSegment() {
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        return segment(0xE2, concat(ascii("ICC_PROFILE\0"), new byte[] {1, 1}, profile));
    }

    static byte[] commentSegment(String text) {
        return segment(0xFE, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A PNG signature and an IHDR chunk claiming the dimensions, then one empty IDAT and IEND. */
    static byte[] pngHeaderClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
            .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        return concat(
            new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
            pngChunk("IHDR", ihdr.array()),
            pngChunk("IDAT", new byte[] {0x78, (byte) 0x9C, 3, 0, 0, 0, 0, 1}),
            pngChunk("IEND", new byte[0]));
    }

    /** The PNG with one more chunk right after its IHDR, as a PNG eXIf chunk is usually placed. */
    static byte[] pngWithChunk(byte[] png, String type, byte[] data) {
        int afterIhdr = 8 + 12 + 13;
        return concat(Arrays.copyOf(png, afterIhdr), pngChunk(type, data), Arrays.copyOfRange(png, afterIhdr, png.length));
    }

    /**
     * A simple-format WebP re-wrapped in the extended format with an EXIF chunk after the image, as
     * {@code webpmux -set exif} would write it: a VP8X header with the EXIF flag, the original chunks, "EXIF".
     */
    static byte[] webpWithExif(byte[] simpleWebp, int width, int height, byte[] tiff) {
        ByteBuffer vp8x = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN)
            .put(ascii("VP8X")).putInt(10).put((byte) 0x08).put(new byte[3]);
        vp8x.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) ((width - 1) >> 16));
        vp8x.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) ((height - 1) >> 16));
        byte[] exif = ByteBuffer.allocate(8 + tiff.length + (tiff.length & 1)).order(ByteOrder.LITTLE_ENDIAN)
            .put(ascii("EXIF")).putInt(tiff.length).put(tiff).array();
        byte[] chunks = concat(vp8x.array(), Arrays.copyOfRange(simpleWebp, 12, simpleWebp.length), exif);
        byte[] riffSize = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(4 + chunks.length).array();
        return concat(ascii("RIFF"), riffSize, ascii("WEBP"), chunks);
    }

    /** The start of an iPhone photo: an ISO-BMFF "ftyp" box with major brand "heic", then some of a "meta" box. */
    static byte[] heic() {
        return isoBmff("heic", "mif1", "heic");
    }

    static byte[] isoBmff(String majorBrand, String... compatibleBrands) {
        ByteBuffer ftyp = ByteBuffer.allocate(16 + 4 * compatibleBrands.length);
        ftyp.putInt(ftyp.capacity()).put(ascii("ftyp")).put(ascii(majorBrand)).putInt(0);
        for (String brand : compatibleBrands) {
            ftyp.put(ascii(brand));
        }
        return concat(ftyp.array(), new byte[] {0, 0, 0, 0x22}, ascii("meta"), new byte[26]);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] pngChunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
            .putInt(data.length).put(ascii(type)).put(data).putInt((int) crc.getValue())
            .array();
    }
}
