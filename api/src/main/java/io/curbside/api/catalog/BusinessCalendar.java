package io.curbside.api.catalog;

import io.curbside.api.support.YamlTree;
import io.curbside.contract.model.TargetUnit;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Date;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The city's working calendar: its time zone and holidays, which turn a service's target
 * ("3 business days") into the date a resident is promised.
 */
public record BusinessCalendar(ZoneId zone, SortedSet<LocalDate> holidays) {

    /** A catalog that names no calendar: UTC, weekends off, no holidays. */
    public static final BusinessCalendar DEFAULT = new BusinessCalendar(ZoneOffset.UTC, new TreeSet<>());

    public BusinessCalendar {
        holidays = Collections.unmodifiableSortedSet(new TreeSet<>(holidays));
    }

    /**
     * When a request received at that instant is due. Hours run round the clock. Days are
     * counted from the day after the one it was received on, in the city's time zone, and the
     * request is due at the end of the last one; business days skip weekends and holidays.
     */
    public Instant due(Instant received, Catalog.Target target) {
        if (target.unit() == TargetUnit.HOURS) {
            return received.plusSeconds(3600L * target.value());
        }
        LocalDate day = received.atZone(zone).toLocalDate();
        int left = target.value();
        while (left > 0) {
            day = day.plusDays(1);
            if (target.unit() == TargetUnit.CALENDAR_DAYS || isBusinessDay(day)) {
                left--;
            }
        }
        return endOf(day);
    }

    public boolean isBusinessDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.contains(day);
    }

    /** The last second of the day in the city's zone (a DST change makes some days 23 or 25 hours). */
    private Instant endOf(LocalDate day) {
        return ZonedDateTime.of(day, LocalTime.MIDNIGHT, zone).plusDays(1).minusSeconds(1).toInstant();
    }

    /** Reads a catalog file's {@code calendar: {timezone: America/New_York, holidays: [2026-12-25]}}. */
    static BusinessCalendar read(YamlTree node, YamlTree.Problems problems) {
        if (!node.isPresent()) {
            return DEFAULT;
        }
        node.allowOnly(problems, Set.of("timezone", "holidays"));
        ZoneId zone = ZoneOffset.UTC;
        String name = node.get("timezone").text(problems);
        if (name != null) {
            try {
                zone = ZoneId.of(name);
            } catch (DateTimeException e) {
                problems.add(node.get("timezone").path(), "\"" + name + "\" is not a time zone (e.g. America/New_York)");
            }
        }
        SortedSet<LocalDate> holidays = new TreeSet<>();
        for (YamlTree holiday : node.get("holidays").list(problems)) {
            LocalDate date = date(holiday, problems);
            if (date != null && !holidays.add(date)) {
                problems.add(holiday.path(), date + " is listed twice");
            }
        }
        return new BusinessCalendar(zone, holidays);
    }

    /** YAML 1.1 reads a bare 2026-12-25 as a timestamp at midnight UTC; a quoted one stays text. */
    private static LocalDate date(YamlTree node, YamlTree.Problems problems) {
        if (node.value() instanceof Date d) {
            return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        String text = node.text(problems);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(node.path(), "\"" + text + "\" is not a date (YYYY-MM-DD)");
            return null;
        }
    }
}
