package io.curbside.api.ogc;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code datetime} parameter (Part 1, /req/core/fc-time-response D–F): an instant, or an interval
 * whose open end is {@code ..} or empty. Each time is an RFC 3339 date-time with its offset.
 */
public record TimeInterval(@Nullable Instant start, @Nullable Instant end) {

    public TimeInterval {
        if (start != null && end != null && start.isAfter(end)) {
            throw new IllegalArgumentException("the interval starts after it ends");
        }
        if (start == null && end == null) {
            throw new IllegalArgumentException("an interval needs at least one end");
        }
    }

    /** Parses the parameter's text; the message of the exception says what is wrong. */
    public static TimeInterval parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            Instant instant = instant(text);
            return new TimeInterval(instant, instant);
        }
        if (text.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("an interval has one \"/\"");
        }
        return new TimeInterval(end(text.substring(0, slash)), end(text.substring(slash + 1)));
    }

    /** Whether an instant lies in the interval, its ends included. */
    public boolean contains(Instant instant) {
        return (start == null || !instant.isBefore(start)) && (end == null || !instant.isAfter(end));
    }

    @Nullable
    private static Instant end(String text) {
        return text.isEmpty() || text.equals("..") ? null : instant(text);
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an RFC 3339 date-time like 2024-05-01T00:00:00Z");
        }
    }
}
