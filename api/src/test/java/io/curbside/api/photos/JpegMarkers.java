package io.curbside.api.photos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every marker in a JPEG file, in order, found by walking its segments and scans as a decoder does. */
final class JpegMarkers {

    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOS = 0xDA;
    static final int APP0 = 0xE0;
    static final int COM = 0xFE;

    private JpegMarkers() {
    }

    static List<Integer> of(byte[] jpeg) {
        if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != SOI) {
            throw new AssertionError("not a JPEG: no start-of-image marker");
        }
        List<Integer> markers = new ArrayList<>(List.of(SOI));
        int at = 2;
        while (at < jpeg.length) {
            if ((jpeg[at] & 0xFF) != 0xFF) {
                throw new AssertionError("expected a marker at byte " + at);
            }
            int marker = jpeg[at + 1] & 0xFF;
            markers.add(marker);
            if (marker == EOI) {
                if (at + 2 != jpeg.length) {
                    throw new AssertionError((jpeg.length - at - 2) + " bytes after the end-of-image marker");
                }
                return markers;
            }
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            at += 2 + length;
            if (marker == SOS) {
                at = endOfEntropyCodedData(jpeg, at);
            }
        }
        throw new AssertionError("no end-of-image marker");
    }

    /** The payload of the first segment with this marker before the first scan. */
    static byte[] firstPayload(byte[] jpeg, int wanted) {
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at + 1] & 0xFF) != SOS) {
            int marker = jpeg[at + 1] & 0xFF;
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if (marker == wanted) {
                return Arrays.copyOfRange(jpeg, at + 4, at + 2 + length);
            }
            at += 2 + length;
        }
        throw new AssertionError("no marker " + Integer.toHexString(wanted));
    }

    // In scan data a 0xFF byte is followed by 0x00 (a stuffed byte) or a restart marker; anything else ends the scan.
    private static int endOfEntropyCodedData(byte[] jpeg, int at) {
        while (at + 1 < jpeg.length) {
            if ((jpeg[at] & 0xFF) == 0xFF) {
                int next = jpeg[at + 1] & 0xFF;
                if (next != 0x00 && (next < 0xD0 || next > 0xD7)) {
                    return at;
                }
            }
            at++;
        }
        throw new AssertionError("scan data runs to the end of the file");
    }
}
