package io.curbside.api.catalog;

import io.curbside.contract.model.TargetUnit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A service's target turned into the date a resident is promised, in the city's time and calendar. */
class BusinessCalendarTest {

    private static final ZoneId CITY = ZoneId.of("America/New_York");
    private static final BusinessCalendar CALENDAR = new BusinessCalendar(CITY,
            new TreeSet<>(List.of(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 27))));

    private static Instant at(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), CITY).toInstant();
    }

    private static ZonedDateTime due(String received, int value, TargetUnit unit) {
        return CALENDAR.due(at(received), new Catalog.Target(value, unit)).atZone(CITY);
    }

    @Test
    void businessDaysSkipWeekendsAndHolidaysAndEndAtTheEndOfTheDay() {
        // Friday afternoon, 3 business days: Monday, Tuesday, Wednesday.
        assertEquals(ZonedDateTime.of(2026, 11, 25, 23, 59, 59, 0, CITY), due("2026-11-20T15:00", 3, TargetUnit.BUSINESS_DAYS));
        // Wednesday before Thanksgiving, 1 business day: Thursday and Friday are holidays.
        assertEquals(LocalDate.of(2026, 11, 30), due("2026-11-25T09:00", 1, TargetUnit.BUSINESS_DAYS).toLocalDate());
        // Filed on a Saturday: Monday is the first business day.
        assertEquals(LocalDate.of(2026, 11, 23), due("2026-11-21T10:00", 1, TargetUnit.BUSINESS_DAYS).toLocalDate());
    }

    @Test
    void theDayOfReceiptIsTheCitysDayNotUtcs() {
        // 23:30 on Monday in Riverton is already Tuesday in UTC; the target counts from Monday.
        assertEquals(LocalDate.of(2026, 11, 24), due("2026-11-23T23:30", 1, TargetUnit.BUSINESS_DAYS).toLocalDate());
    }

    @Test
    void calendarDaysAndHoursRunRoundTheClock() {
        assertEquals(LocalDate.of(2026, 11, 27), due("2026-11-25T09:00", 2, TargetUnit.CALENDAR_DAYS).toLocalDate());
        assertEquals(ZonedDateTime.of(2026, 11, 26, 13, 0, 0, 0, CITY), due("2026-11-25T13:00", 24, TargetUnit.HOURS));
    }

    @Test
    void aDaylightSavingChangeStillEndsAtMidnight() {
        // Clocks go back on 1 November 2026: that Sunday has 25 hours.
        assertEquals(ZonedDateTime.of(2026, 11, 1, 23, 59, 59, 0, CITY), due("2026-10-31T12:00", 1, TargetUnit.CALENDAR_DAYS));
    }
}
