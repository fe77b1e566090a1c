package io.curbside.geo.address;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A house number as a city writes it: its whole part ({@code value}, what orders and interpolates)
 * and a suffix, a letter or two ({@code 12A}) or a fraction ({@code 12 1/2}); {@link #text()} is
 * the one written form both import and search use.
 */
public record HouseNumber(int value, String suffix) {

    /** Whole part, then a letter suffix (12A, 12-A, 12 A) or a fraction (12 1/2, 12½). */
    private static final Pattern FORM = Pattern.compile(
            "(\\d{1,7})(?:[ -]?([A-Z]{1,2})|[ -]?(1/2|1/4|3/4|½|¼|¾))?");

    public HouseNumber {
        if (value < 0) {
            throw new IllegalArgumentException("a house number is not negative: " + value);
        }
        if (suffix == null) {
            throw new IllegalArgumentException("the suffix is empty, not null");
        }
    }

    /** The number in {@code raw} (any case, spaces around), or empty when it is not one. */
    public static Optional<HouseNumber> parse(String raw) {
        // A period would vanish in plain() ("1.5" would read 15).
        if (raw == null || raw.indexOf('.') >= 0) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(AddressNormalizer.plain(raw));
        if (!m.matches()) {
            return Optional.empty();
        }
        String suffix = m.group(2) != null ? m.group(2) : m.group(3) != null ? fraction(m.group(3)) : "";
        return Optional.of(new HouseNumber(Integer.parseInt(m.group(1)), suffix));
    }

    private static String fraction(String f) {
        return switch (f) {
            case "½" -> "1/2";
            case "¼" -> "1/4";
            case "¾" -> "3/4";
            default -> f;
        };
    }

    /** {@code 12}, {@code 12A}, {@code 12 1/2}. */
    public String text() {
        if (suffix.isEmpty()) {
            return Integer.toString(value);
        }
        return suffix.contains("/") ? value + " " + suffix : value + suffix;
    }
}
