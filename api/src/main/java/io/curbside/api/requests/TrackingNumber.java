package io.curbside.api.requests;

import io.curbside.api.problem.ProblemException;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * A request's public id, e.g. {@code CS-7K4M-Q2XD}: seven random Crockford base32 symbols (no
 * I, L, O or U, so nothing reads as a word or as another symbol) and a check symbol. Short
 * enough to read over the phone, random so it says nothing about how many requests there are.
 *
 * <p>The check symbol makes the weighted sum of all eight symbols zero in GF(32), with the
 * weights α¹..α⁸ of a primitive element: any one wrong symbol, and any two symbols swapped,
 * are caught, since each changes the sum by a non-zero amount.
 */
public record TrackingNumber(String value) {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int SYMBOLS = 8;
    private static final String PREFIX = "CS";
    private static final Random RANDOM = new SecureRandom();
    /** GF(32) as polynomials over GF(2) modulo x⁵ + x² + 1, whose root α = x generates all 31 non-zero elements. */
    private static final int[] EXP = new int[62];
    private static final int[] LOG = new int[32];

    static {
        int x = 1;
        for (int i = 0; i < 31; i++) {
            EXP[i] = x;
            EXP[i + 31] = x;
            LOG[x] = i;
            x <<= 1;
            if ((x & 0b100000) != 0) {
                x ^= 0b100101;
            }
        }
    }

    public TrackingNumber {
        if (value == null || !value.matches("CS-[" + ALPHABET + "]{4}-[" + ALPHABET + "]{4}")
                || checksum(symbols(value.substring(3, 7) + value.substring(8))) != 0) {
            throw new IllegalArgumentException("\"" + value + "\" is not a tracking number");
        }
    }

    /** A new random number (the caller makes sure it is not taken). */
    public static TrackingNumber random() {
        int[] v = new int[SYMBOLS];
        for (int i = 0; i < SYMBOLS - 1; i++) {
            v[i] = RANDOM.nextInt(32);
        }
        // v7·α⁸ must cancel the sum of the others; in GF(2^k) minus is plus.
        v[SYMBOLS - 1] = divide(checksum(v), EXP[SYMBOLS]);
        StringBuilder s = new StringBuilder(PREFIX).append('-');
        for (int i = 0; i < SYMBOLS; i++) {
            s.append(ALPHABET.charAt(v[i]));
            if (i == 3) {
                s.append('-');
            }
        }
        return new TrackingNumber(s.toString());
    }

    /**
     * Reads a number as a person typed it: any case, with or without "CS" and dashes or spaces,
     * with O for 0 and I or L for 1. Throws, saying what is wrong, when it cannot be one.
     */
    public static TrackingNumber parse(String typed) {
        if (typed == null) {
            throw new IllegalArgumentException("is missing");
        }
        String s = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-.]", "")
                .replace('O', '0').replace('I', '1').replace('L', '1');
        if (s.length() == SYMBOLS + PREFIX.length() && s.startsWith(PREFIX)) {
            s = s.substring(PREFIX.length());
        }
        if (s.length() != SYMBOLS || !s.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("is not a tracking number (they look like CS-7K4M-Q2XD)");
        }
        if (checksum(symbols(s)) != 0) {
            throw new IllegalArgumentException("has a mistyped character: please check it against your receipt");
        }
        return new TrackingNumber(PREFIX + "-" + s.substring(0, 4) + "-" + s.substring(4));
    }

    /** A tracking number as typed in a path or parameter, or a 400 naming the parameter. */
    public static TrackingNumber parameter(String typed) {
        try {
            return parse(typed);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("trackingNumber", e.getMessage());
        }
    }

    /** The number as typed, if it is one; for lists where a bad entry is answered, not thrown. */
    public static Optional<TrackingNumber> tryParse(String typed) {
        try {
            return Optional.of(parse(typed));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }

    private static int[] symbols(String s) {
        int[] v = new int[s.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ALPHABET.indexOf(s.charAt(i));
        }
        return v;
    }

    /** Σ vᵢ·α^(i+1) over GF(32): zero for a valid number. */
    static int checksum(int[] v) {
        int sum = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0) {
                sum ^= EXP[LOG[v[i]] + i + 1];
            }
        }
        return sum;
    }

    private static int divide(int a, int b) {
        return a == 0 ? 0 : EXP[(LOG[a] - LOG[b] + 31) % 31];
    }
}
