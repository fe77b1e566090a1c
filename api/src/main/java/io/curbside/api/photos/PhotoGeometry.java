package io.curbside.api.photos;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Turning and shrinking decoded photos, always to and from opaque 8-bit sRGB. */
final class PhotoGeometry {

    private PhotoGeometry() {
    }

    /**
     * The image as a viewer honouring its EXIF orientation shows it. The EXIF specification names where the
     * stored first row and first column belong: 2 mirrors, 3 turns half round, 4 flips, 5 transposes,
     * 6 turns a quarter clockwise, 7 transverses, 8 turns a quarter anticlockwise.
     */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean turned = orientation >= 5;
        int outW = turned ? h : w;
        int outH = turned ? w : h;
        int[] in = image.getRGB(0, 0, w, h, null, 0, w);
        int[] out = new int[in.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int from = switch (orientation) {
                    case 2 -> y * w + (w - 1 - x);
                    case 3 -> (h - 1 - y) * w + (w - 1 - x);
                    case 4 -> (h - 1 - y) * w + x;
                    case 5 -> x * w + y;
                    case 6 -> (h - 1 - x) * w + y;
                    case 7 -> (h - 1 - x) * w + (w - 1 - y);
                    default -> x * w + (w - 1 - y);
                };
                out[y * outW + x] = in[from];
            }
        }
        BufferedImage result = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, outW, outH, out, 0, outW);
        return result;
    }

    /**
     * The image in another raster type (itself when already of that type), drawn over the
     * background first when one is given, for pixels that are not fully opaque.
     */
    static BufferedImage redrawn(BufferedImage image, int type, Color background) {
        if (image.getType() == type) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            if (background != null) {
                g.setColor(background);
                g.fillRect(0, 0, out.getWidth(), out.getHeight());
            }
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The image shrunk so its long side is {@code edge}, keeping its proportions; never enlarged. */
    static BufferedImage fitLongEdge(BufferedImage image, int edge) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (Math.max(w, h) <= edge) {
            return image;
        }
        double scale = (double) edge / Math.max(w, h);
        int targetW = Math.max(1, (int) Math.round(w * scale));
        int targetH = Math.max(1, (int) Math.round(h * scale));
        // Bilinear interpolation reads four source pixels whatever the scale, so one big step drops most
        // of them and shimmers; halving first lets every pixel count, as a box filter would.
        BufferedImage current = image;
        while (current.getWidth() / 2 >= targetW && current.getHeight() / 2 >= targetH) {
            current = resize(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        if (current.getWidth() == targetW && current.getHeight() == targetH) {
            return current;
        }
        return resize(current, targetW, targetH);
    }

    private static BufferedImage resize(BufferedImage source, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
