package io.curbside.api.opendata.query;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paging cursor's token: it reads back exactly, and anything changed or made up is a 400. */
class PageCursorsTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final PageCursors cursors = new PageCursors(KEY);

    @Test
    void aTokenReadsBackToItsCursorForManyCursors() {
        Random random = new Random(11);
        for (int i = 0; i < 500; i++) {
            PageCursor cursor = new PageCursor(random.nextBoolean() ? PageCursor.Direction.AFTER : PageCursor.Direction.BEFORE,
                    Instant.ofEpochSecond(random.nextInt(2_000_000_000) - 100_000_000L, random.nextInt(1_000_000) * 1000L),
                    "CS-" + Integer.toString(random.nextInt(1 << 20), 32).toUpperCase() + "-Q2XD");
            String token = cursors.seal(cursor);
            assertTrue(token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+") && token.length() < PageCursors.MAX_TOKEN_LENGTH, token);
            assertEquals(cursor, cursors.open(token));
        }
    }

    @Test
    void everyChangedCharacterIsRefused() {
        String token = cursors.seal(new PageCursor(PageCursor.Direction.AFTER, Instant.parse("2026-03-01T10:00:00.123456Z"), "CS-7K4M-Q2XD"));
        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String forged = token.substring(0, i) + replacement + token.substring(i + 1);
            if (!forged.equals(token)) {
                assertRefused(forged);
            }
        }
    }

    @Test
    void aCursorMadeUpOrSignedWithAnotherKeyIsRefused() {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("A1772359200.0|CS-0001".getBytes(StandardCharsets.US_ASCII));
        assertRefused(payload);
        assertRefused(payload + ".");
        assertRefused(payload + ".AAAAAAAAAAAAAAAAAAAAAA");
        String other = new PageCursors("another key, also 32 bytes long!".getBytes(StandardCharsets.US_ASCII))
                .seal(new PageCursor(PageCursor.Direction.AFTER, Instant.EPOCH, "CS-0001"));
        assertRefused(other);
        assertRefused("");
        assertRefused("x".repeat(PageCursors.MAX_TOKEN_LENGTH + 1));
        assertRefused("not base64!.@@");
        assertRefused("'; DROP TABLE published_request; --");
    }

    @Test
    void theDirectionIsPartOfWhatIsSigned() {
        String after = cursors.seal(new PageCursor(PageCursor.Direction.AFTER, Instant.EPOCH, "CS-0001"));
        String before = cursors.seal(new PageCursor(PageCursor.Direction.BEFORE, Instant.EPOCH, "CS-0001"));
        assertNotEquals(after.substring(after.indexOf('.')), before.substring(before.indexOf('.')));
    }

    @Test
    void aShortKeyIsRefusedAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> new PageCursors(new byte[31]));
    }

    private void assertRefused(String token) {
        ProblemException e = assertThrows(ProblemException.class, () -> cursors.open(token), token);
        assertEquals(ProblemType.INVALID_PARAMETER, e.type());
        assertEquals("cursor", e.violations().get(0).getField());
        assertTrue(e.getMessage().contains("is not a cursor this server handed out"), e.getMessage());
    }
}
