package io.curbside.api.ogc;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which format an Accept header gets, and what a datetime parameter means. */
class OgcFormatTest {

    @Test
    void browsersGetHtmlAndEverythingElseJson() {
        assertEquals(OgcFormat.HTML, OgcFormat.negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assertEquals(OgcFormat.HTML, OgcFormat.negotiate("text/html"));
        assertEquals(OgcFormat.JSON, OgcFormat.negotiate("*/*"));
        assertEquals(OgcFormat.JSON, OgcFormat.negotiate(null));
        assertEquals(OgcFormat.JSON, OgcFormat.negotiate("application/geo+json, application/json;q=0.8"));
        assertEquals(OgcFormat.JSON, OgcFormat.negotiate("text/html;q=0.5, application/json"));
        assertEquals(OgcFormat.JSON, OgcFormat.negotiate("text/html;q=0.5, */*"));
        assertEquals(OgcFormat.JSON, OgcFormat.negotiate("text/html;q=bogus"));
    }

    @Test
    void datetimeIsAnInstantOrAnIntervalOpenAtEitherEnd() {
        Instant may = Instant.parse("2026-05-01T00:00:00Z");
        TimeInterval instant = TimeInterval.parse("2026-05-01T02:00:00+02:00");
        assertEquals(may, instant.start());
        assertEquals(may, instant.end());
        TimeInterval from = TimeInterval.parse("2026-05-01T00:00:00Z/..");
        assertNull(from.end());
        assertTrue(from.contains(may.plusSeconds(86_400 * 365)));
        assertFalse(from.contains(may.minusSeconds(1)));
        assertNull(TimeInterval.parse("/2026-05-01T00:00:00Z").start());
        assertTrue(TimeInterval.parse("2026-04-01T00:00:00Z/2026-05-01T00:00:00Z").contains(may), "ends included");
        for (String wrong : new String[] {"../..", "/", "2026-05-01", "2026-05-01T00:00:00", "2026-06-01T00:00:00Z/2026-05-01T00:00:00Z",
                "2026-05-01T00:00:00Z/2026-06-01T00:00:00Z/..", "yesterday"}) {
            assertThrows(IllegalArgumentException.class, () -> TimeInterval.parse(wrong), wrong);
        }
    }
}
