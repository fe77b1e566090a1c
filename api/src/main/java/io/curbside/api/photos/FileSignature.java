package io.curbside.api.photos;

import io.curbside.api.i18n.Messages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a file is, from its first bytes alone: a name or a declared type can say anything. */
final class FileSignature {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis", "avio");
    private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs");
    // Generic HEIF/MIAF brands: an AVIF file lists these too, so they decide only when nothing more specific does.
    private static final Set<String> HEIF_BRANDS = Set.of("mif1", "msf1", "mif2", "miaf");

    private FileSignature() {
    }

    /** "jpeg", "png", "webp", "heic" or "avif"; empty for anything else. */
    static Optional<String> sniff(byte[] head) {
        if (startsWith(head, 0, JPEG)) {
            return Optional.of("jpeg");
        }
        if (startsWith(head, 0, PNG)) {
            return Optional.of("png");
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
            return Optional.of("webp");
        }
        return isoBmffImage(head);
    }

    /** How to name a file that is not a photo, for the resident's message, when its signature is known. */
    static Optional<String> describeOther(byte[] head) {
        if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
            return kind("gif");
        }
        if (startsWith(head, 0, ascii("%PDF"))) {
            return kind("pdf");
        }
        if (startsWith(head, 0, ascii("II*\0")) || startsWith(head, 0, ascii("MM\0*"))) {
            return kind("tiff");
        }
        if (startsWith(head, 0, ascii("BM"))) {
            return kind("bmp");
        }
        if (startsWith(head, 0, ascii("PK\3\4"))) {
            return kind("zip");
        }
        if (startsWith(head, 0, ascii("MZ")) || startsWith(head, 0, ascii("\u007FELF"))) {
            return kind("program");
        }
        if (startsWith(head, 4, ascii("ftyp"))) {
            return kind("video");
        }
        if (looksLikeText(head)) {
            return kind("text");
        }
        return Optional.empty();
    }

    private static Optional<String> kind(String kind) {
        return Optional.of(Messages.problem("problem.photo.kind." + kind, Map.of()));
    }

    // HEIF and AVIF share one container: an ISO-BMFF "ftyp" box listing a major brand, then compatible brands.
    private static Optional<String> isoBmffImage(byte[] head) {
        if (!startsWith(head, 4, ascii("ftyp")) || head.length < 12) {
            return Optional.empty();
        }
        long boxSize = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        int end = (int) Math.min(head.length, boxSize);
        List<String> brands = new ArrayList<>();
        brands.add(brandAt(head, 8));
        // After the major brand come four bytes of minor version, then the compatible brands.
        for (int at = 16; at + 4 <= end; at += 4) {
            brands.add(brandAt(head, at));
        }
        for (String brand : brands) {
            if (AVIF_BRANDS.contains(brand)) {
                return Optional.of("avif");
            }
            if (HEIC_BRANDS.contains(brand)) {
                return Optional.of("heic");
            }
        }
        return brands.stream().anyMatch(HEIF_BRANDS::contains) ? Optional.of("heic") : Optional.empty();
    }

    private static String brandAt(byte[] head, int at) {
        return new String(head, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static boolean looksLikeText(byte[] head) {
        int n = Math.min(head.length, 512);
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
