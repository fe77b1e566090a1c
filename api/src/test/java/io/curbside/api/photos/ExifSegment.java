package io.curbside.api.photos;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An EXIF block written byte by byte as a camera would: a big-endian TIFF header, IFD0 with the chosen
 * tags, and a GPS IFD when a position is set. Built by hand so the tests do not trust the library under test.
 */
final class ExifSegment {

    private static final int BYTE = 1;
    private static final int ASCII = 2;
    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int RATIONAL = 5;

    private Integer orientation;
    private boolean identifying;
    private double[] position;

    static ExifSegment exif() {
        return new ExifSegment();
    }

    ExifSegment orientation(int value) {
        orientation = value;
        return this;
    }

    /** Make, Model, Artist and Copyright: who took the photo, on what. */
    ExifSegment identifying() {
        identifying = true;
        return this;
    }

    ExifSegment gps(double lat, double lon) {
        position = new double[] {lat, lon};
        return this;
    }

    /** As a JPEG APP1 segment, with the "Exif\0\0" preamble. */
    byte[] app1() {
        return TestImages.segment(0xE1, TestImages.concat(TestImages.ascii("Exif\0\0"), tiff()));
    }

    /** The bare TIFF structure, as a PNG eXIf or WebP EXIF chunk holds it. */
    byte[] tiff() {
        Ifd ifd0 = new Ifd();
        if (identifying) {
            ifd0.ascii(0x010F, "Acme");
            ifd0.ascii(0x0110, "Pocket Phone 12");
            ifd0.ascii(0x013B, "Jane Resident");
            ifd0.ascii(0x8298, "(c) Jane Resident, 14 Elm Street");
        }
        if (orientation != null) {
            ifd0.add(0x0112, SHORT, 1, ByteBuffer.allocate(2).putShort((short) (int) orientation).array());
        }
        Ifd gps = null;
        if (position != null) {
            gps = new Ifd();
            gps.add(0x0000, BYTE, 4, new byte[] {2, 3, 0, 0});
            gps.ascii(0x0001, position[0] >= 0 ? "N" : "S");
            gps.add(0x0002, RATIONAL, 3, degreesMinutesSeconds(position[0]));
            gps.ascii(0x0003, position[1] >= 0 ? "E" : "W");
            gps.add(0x0004, RATIONAL, 3, degreesMinutesSeconds(position[1]));
            ifd0.add(0x8825, LONG, 1, new byte[4]);
            int gpsOffset = 8 + ifd0.size();
            ifd0.set(0x8825, ByteBuffer.allocate(4).putInt(gpsOffset).array());
        }
        ByteBuffer out = ByteBuffer.allocate(8 + ifd0.size() + (gps == null ? 0 : gps.size()));
        out.put(TestImages.ascii("MM")).putShort((short) 42).putInt(8);
        ifd0.write(out);
        if (gps != null) {
            gps.write(out);
        }
        return out.array();
    }

    // Seconds to 1/10000: 1e-4 s is under 3e-8 degrees, far inside the tests' 1e-6.
    private static byte[] degreesMinutesSeconds(double value) {
        double abs = Math.abs(value);
        int degrees = (int) abs;
        int minutes = (int) ((abs - degrees) * 60);
        long tenThousandthsOfSeconds = Math.round(((abs - degrees) * 60 - minutes) * 60 * 10_000);
        return ByteBuffer.allocate(24)
            .putInt(degrees).putInt(1)
            .putInt(minutes).putInt(1)
            .putInt((int) tenThousandthsOfSeconds).putInt(10_000)
            .array();
    }

    /** One image file directory; values longer than four bytes go in a data area right after it. */
    private static final class Ifd {
        private final List<Entry> entries = new ArrayList<>();

        void ascii(int tag, String value) {
            byte[] bytes = (value + "\0").getBytes(StandardCharsets.US_ASCII);
            add(tag, ASCII, bytes.length, bytes);
        }

        void add(int tag, int type, int count, byte[] value) {
            entries.add(new Entry(tag, type, count, value));
            entries.sort(Comparator.comparingInt(e -> e.tag));
        }

        void set(int tag, byte[] value) {
            entries.stream().filter(e -> e.tag == tag).forEach(e -> e.value = value);
        }

        int size() {
            return entries.stream().mapToInt(e -> e.value.length > 4 ? padded(e.value) : 0).sum() + 2 + 12 * entries.size() + 4;
        }

        // TIFF offsets count from the header, which is where the buffer starts.
        void write(ByteBuffer out) {
            int data = out.position() + 2 + 12 * entries.size() + 4;
            out.putShort((short) entries.size());
            for (Entry e : entries) {
                out.putShort((short) e.tag).putShort((short) e.type).putInt(e.count);
                if (e.value.length <= 4) {
                    out.put(e.value).put(new byte[4 - e.value.length]);
                } else {
                    out.putInt(data);
                    data += padded(e.value);
                }
            }
            out.putInt(0);
            for (Entry e : entries) {
                if (e.value.length > 4) {
                    out.put(e.value).put(new byte[padded(e.value) - e.value.length]);
                }
            }
        }

        private static int padded(byte[] value) {
            return value.length + (value.length & 1);
        }
    }

    private static final class Entry {
        final int tag;
        final int type;
        final int count;
        byte[] value;

        Entry(int tag, int type, int count, byte[] value) {
            this.tag = tag;
            this.type = type;
            this.count = count;
            this.value = value;
        }
    }
}
