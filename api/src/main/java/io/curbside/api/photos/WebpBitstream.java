package io.curbside.api.photos;

import java.awt.Dimension;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The size the first VP8 or VP8L bitstream in a WebP file declares. In the extended format the reader's
 * size comes from the VP8X canvas, but TwelveMonkeys' lossy decoder allocates for the bitstream's own
 * header: a 200-byte file claiming a 96 x 64 canvas around a 16383 x 16383 frame costs over 100 MB.
 * Comparing the two closes that gap.
 */
final class WebpBitstream {

    private WebpBitstream() {
    }

    /** The first bitstream's declared size, looking inside the first animation frame if need be. */
    static Optional<Dimension> declaredSize(byte[] riff) {
        return find(riff, 12, riff.length, false);
    }

    // Chunks are little-endian: a fourCC, a 32-bit length, the payload, a pad byte if the length is odd.
    private static Optional<Dimension> find(byte[] riff, int from, int to, boolean inFrame) {
        ByteBuffer le = ByteBuffer.wrap(riff).order(ByteOrder.LITTLE_ENDIAN);
        long at = from;
        while (at + 8 <= to) {
            String fourCc = new String(riff, (int) at, 4, StandardCharsets.ISO_8859_1);
            long length = le.getInt((int) at + 4) & 0xFFFFFFFFL;
            int start = (int) at + 8;
            int end = (int) Math.min(to, start + length);
            switch (fourCc) {
                case "VP8 " -> {
                    // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height, each with 2 scale bits.
                    return start + 10 <= end
                        ? Optional.of(new Dimension(le.getShort(start + 6) & 0x3FFF, le.getShort(start + 8) & 0x3FFF))
                        : Optional.empty();
                }
                case "VP8L" -> {
                    // Signature 0x2F, then width - 1 and height - 1 in 14 bits each.
                    if (start + 5 > end) {
                        return Optional.empty();
                    }
                    int bits = le.getInt(start + 1);
                    return Optional.of(new Dimension((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1));
                }
                // An animation frame: 16 bytes of position, size, duration and flags, then its own chunks.
                // Frames do not nest; one inside a frame is skipped, so no file can make this recurse deeply.
                case "ANMF" -> {
                    if (!inFrame) {
                        return find(riff, start + 16, end, true);
                    }
                    at = start + length + (length & 1);
                }
                default -> at = start + length + (length & 1);
            }
        }
        return Optional.empty();
    }
}
