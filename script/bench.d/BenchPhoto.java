import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;

/**
 * Writes a phone-like JPEG for script/bench: 2592x1944 (5 MP), smooth gradients with
 * grain, at a quality chosen so the file is about 1 MB. Run with `java BenchPhoto.java OUT`.
 */
public class BenchPhoto {
    public static void main(String[] args) throws Exception {
        int w = 2592, h = 1944;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(311);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int grain = random.nextInt(24);
                int r = (x * 255 / w + grain) & 0xff;
                int g = (y * 255 / h + grain) & 0xff;
                int b = ((x + y) * 128 / (w + h) + 64 + grain) & 0xff;
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        File out = new File(args[0]);
        for (float quality = 0.9f; quality > 0.3f; quality -= 0.05f) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            out.delete();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            writer.dispose();
            if (out.length() <= 1_100_000) {
                break;
            }
        }
        System.out.println(out + ": " + out.length() + " bytes");
    }
}
