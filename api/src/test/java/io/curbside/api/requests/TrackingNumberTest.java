package io.curbside.api.requests;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tracking numbers: readable, random, and every single typo or swap is caught by the check symbol. */
class TrackingNumberTest {

    private static final String ALPHABET = TrackingNumber.ALPHABET;

    private static String symbols(TrackingNumber n) {
        return n.value().substring(3, 7) + n.value().substring(8);
    }

    @Test
    void randomNumbersHaveTheShapeAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String n = TrackingNumber.random().value();
            assertTrue(n.matches("CS-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), n);
            seen.add(n);
        }
        // 35 random bits: 100,000 draws collide about 0.15 times on average.
        assertTrue(seen.size() >= 99_995, "collisions: " + (100_000 - seen.size()));
    }

    @Test
    void everySingleWrongSymbolIsCaught() {
        for (int i = 0; i < 500; i++) {
            String symbols = symbols(TrackingNumber.random());
            for (int position = 0; position < 8; position++) {
                for (char c : ALPHABET.toCharArray()) {
                    if (c == symbols.charAt(position)) {
                        continue;
                    }
                    String typo = symbols.substring(0, position) + c + symbols.substring(position + 1);
                    String message = assertThrows(IllegalArgumentException.class, () -> TrackingNumber.parse(typo)).getMessage();
                    assertTrue(message.contains("mistyped"), message);
                }
            }
        }
    }

    @Test
    void everySwapOfTwoDifferentSymbolsIsCaught() {
        for (int i = 0; i < 2_000; i++) {
            String s = symbols(TrackingNumber.random());
            for (int a = 0; a < 8; a++) {
                for (int b = a + 1; b < 8; b++) {
                    if (s.charAt(a) == s.charAt(b)) {
                        continue;
                    }
                    char[] swapped = s.toCharArray();
                    swapped[a] = s.charAt(b);
                    swapped[b] = s.charAt(a);
                    String typo = new String(swapped);
                    assertThrows(IllegalArgumentException.class, () -> TrackingNumber.parse(typo), typo);
                }
            }
        }
    }

    @Test
    void numbersAreReadAsPeopleTypeThem() {
        TrackingNumber n = TrackingNumber.random();
        String v = n.value();
        assertEquals(n, TrackingNumber.parse(v.toLowerCase()));
        assertEquals(n, TrackingNumber.parse(v.replace("-", "")));
        assertEquals(n, TrackingNumber.parse(v.substring(3).replace("-", " ")));
        assertEquals(n, TrackingNumber.parse(" " + v.toLowerCase().replace('0', 'o').replace('1', 'i') + " "));
        assertEquals(n, TrackingNumber.parse(v.replace('1', 'L')));
    }

    @Test
    void whatCannotBeANumberSaysSo() {
        for (String bad : new String[] {"", "CS-", "CS-1234-567", "CS-1234-56789", "CS-UUUU-UUUU", "hello world", "CS-12#4-5678"}) {
            String message = assertThrows(IllegalArgumentException.class, () -> TrackingNumber.parse(bad)).getMessage();
            assertTrue(message.contains("not a tracking number"), bad + ": " + message);
        }
        assertThrows(IllegalArgumentException.class, () -> new TrackingNumber("CS-0000-0001"));
        assertEquals("CS-0000-0000", new TrackingNumber("CS-0000-0000").value(), "all zeros sums to zero");
    }
}
