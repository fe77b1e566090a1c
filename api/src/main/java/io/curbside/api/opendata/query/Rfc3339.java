package io.curbside.api.opendata.query;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/** RFC 3339 instants and full dates, as CQL2's TIMESTAMP/DATE and OGC's datetime parameter write them. */
final class Rfc3339 {

    // Four-digit years only: java.time would also take "+10000-01-01", which PostgreSQL cannot hold.
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Rfc3339() {
    }

    /** The instant, or null when the text is not an RFC 3339 date-time with a time zone. */
    static Instant instant(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (!DATE_TIME.matcher(upper).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(upper, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The date, or null when the text is not an RFC 3339 full-date (or names a day that does not exist). */
    static LocalDate date(String text) {
        if (!DATE.matcher(text).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
