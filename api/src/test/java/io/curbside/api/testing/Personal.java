package io.curbside.api.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The personal data a privacy test files with a report, and the strings that must never reach a public answer.
 * Only whole values are secrets: a fragment such as "555" or "0199" turns up by chance in timestamps and
 * generalised coordinates, which made such checks fail at random.
 */
public final class Personal {

    public static final String NAME = "Maria Lopez";
    public static final String EMAIL = "maria.lopez@example.org";
    public static final String PHONE = "+1 614 555 0199";
    public static final String DEVICE = "device-SECRET-7";
    public static final String DESCRIPTION = "Deep hole in front of 1234 Elm St. Call Maria Lopez at 614-555-0199 "
            + "or maria.lopez@example.org";

    /**
     * The name, the contact details in the forms free text writes them, the house number, the device id, and the
     * seeded point at full precision and at the 5 and 6 decimals (rounded and truncated) that would still place a house.
     */
    public static final List<String> SECRETS = secrets();

    private Personal() {
    }

    /** A report carrying all of it. */
    public static Reports of(Reports report) {
        return report.contact(NAME, EMAIL, PHONE).description(DESCRIPTION).with("device_id", DEVICE);
    }

    /** Fails naming the first secret {@code text} carries and {@code where} it was found. */
    public static void assertNoneIn(String text, String where) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), () -> secret + " is in " + where + ": " + text);
        }
    }

    private static List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of("Maria", "Lopez", "maria.lopez", "1234 Elm", "example.org",
                DEVICE, "614 555 0199", "614-555-0199", "6145550199", String.valueOf(Reports.LAT),
                String.valueOf(Reports.LON)));
        for (int decimals : new int[] {5, 6}) {
            for (RoundingMode rounding : new RoundingMode[] {RoundingMode.HALF_UP, RoundingMode.DOWN}) {
                secrets.add(BigDecimal.valueOf(Reports.LAT).setScale(decimals, rounding).toPlainString());
                secrets.add(BigDecimal.valueOf(Reports.LON).setScale(decimals, rounding).toPlainString());
            }
        }
        return List.copyOf(secrets);
    }
}
