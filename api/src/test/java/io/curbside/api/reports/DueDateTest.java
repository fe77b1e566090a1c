package io.curbside.api.reports;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The date a resident is promised comes from the service's target and the catalog's calendar
 * (the demo city: America/New_York, with Thanksgiving off), counted from the moment of intake.
 */
@MicronautTest(transactional = false)
class DueDateTest extends HttpTest {

    /** Friday 20 November 2026, 15:00 in Riverton. */
    private static final Instant FRIDAY_AFTERNOON = Instant.parse("2026-11-20T20:00:00Z");

    @MockBean(Clock.class)
    Clock friday() {
        return Clock.fixed(FRIDAY_AFTERNOON, ZoneOffset.UTC);
    }

    @Test
    void businessDaysSkipTheWeekendAndTheDateIsTheCitysEndOfDay() {
        Map<String, Object> filed = requests.filed(Reports.aPothole());
        assertEquals("2026-11-20T20:00:00Z", filed.get("received_at"));
        // Monday, Tuesday, Wednesday; due at the end of Wednesday in Riverton, said in RFC 3339.
        assertEquals("2026-11-25T23:59:59-05:00", filed.get("expected_at"));
        assertTrue(((String) filed.get("next_steps")).contains("Wednesday, November 25, 2026"),
                (String) filed.get("next_steps"));
    }

    @Test
    void holidaysAreSkippedToo() {
        // 5 business days from Friday: Mon 23, Tue 24, Wed 25, (Thanksgiving 26 and 27 off), Mon 30, Tue 1.
        Map<String, Object> filed = requests.filed(Reports.of("street-sign-damaged").answer("sign-type", "stop")
                .answer("condition", "down"));
        assertEquals("2026-12-01T23:59:59-05:00", filed.get("expected_at"));
    }

    @Test
    void hoursRunRoundTheClockAndAreSaidWithTheTime() {
        Map<String, Object> filed = requests.filed(Reports.of("traffic-signal").answer("problem", "dark")
                .with("language", "es"));
        assertEquals("2026-11-20T19:00:00-05:00", filed.get("expected_at"));
        assertTrue(((String) filed.get("next_steps")).contains("20 de noviembre de 2026"), (String) filed.get("next_steps"));
    }
}
