package io.curbside.api.photos;

import org.junit.jupiter.api.Test;

import java.awt.Dimension;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bitstream size behind a WebP canvas, found without trusting the file's structure. */
class WebpBitstreamTest {

    private static byte[] chunk(String fourCc, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length + (payload.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        return b.put(fourCc.getBytes(StandardCharsets.ISO_8859_1)).putInt(payload.length).put(payload).array();
    }

    private static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] c : chunks) {
            body.writeBytes(c);
        }
        return ByteBuffer.allocate(8 + body.size()).order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(body.size()).put(body.toByteArray()).array();
    }

    /** A lossless bitstream header declaring this size. */
    private static byte[] vp8l(int width, int height) {
        int bits = (width - 1) | ((height - 1) << 14);
        return chunk("VP8L", ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x2F).putInt(bits).array());
    }

    private static byte[] frame(byte[] inside) {
        return chunk("ANMF", ByteBuffer.allocate(16 + inside.length).put(new byte[16]).put(inside).array());
    }

    @Test
    void theBitstreamInsideTheFirstFrameIsFound() {
        byte[] file = riff(chunk("VP8X", new byte[10]), chunk("ANIM", new byte[6]), frame(vp8l(640, 480)));
        assertEquals(Optional.of(new Dimension(640, 480)), WebpBitstream.declaredSize(file));
    }

    /** A VP8X file whose first chunk is a frame inside a frame ... {@code depth} deep, written in one pass. */
    private static byte[] nested(int depth) {
        byte[] innermost = vp8l(64, 64);
        int[] payload = new int[depth];
        int size = innermost.length;
        for (int i = depth - 1; i >= 0; i--) {
            payload[i] = 16 + size;
            size = 8 + payload[i];
        }
        ByteBuffer frames = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < depth; i++) {
            frames.put("ANMF".getBytes(StandardCharsets.ISO_8859_1)).putInt(payload[i]).put(new byte[16]);
        }
        frames.put(innermost);
        return riff(chunk("VP8X", new byte[10]), frames.array());
    }

    @Test
    void framesNestedAHundredThousandDeepAreNotFollowed() {
        // Frames do not nest: a frame inside a frame is skipped, and no stack is used up.
        assertEquals(Optional.empty(), WebpBitstream.declaredSize(nested(100_000)));
    }

    @Test
    void theProcessorAnswersSuchAFileAsAPhotoDoesNotAsAServerError() {
        byte[] file = nested(100_000);
        PhotoProcessor processor = new PhotoProcessor(new PhotoLimits(10_000_000, 50_000_000, 1600, 320));
        try {
            processor.process(file);
        } catch (PhotoRejectedException refused) {
            // a 4xx naming the photo: as good an answer as a decoded one
        }
    }
}
