package io.curbside.api.opendata.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The OGC API – Features {@code datetime} parameter (Part 1, 7.15.4) as a {@link Filter} on one
 * timestamp queryable: an instant, or an interval "start/end" where either end may be open (".." or
 * empty). Each end is an RFC 3339 date-time, or a date that stands for its whole UTC day. Intervals
 * are closed: both ends are included.
 */
final class Datetimes {

    static final String PARAMETER = "datetime";
    private static final String SHAPE = "is an RFC 3339 date-time or date (2026-03-01T08:00:00Z, 2026-03-01), "
            + "or an interval of two, start/end, where one end may be open (.. or nothing)";

    private Datetimes() {
    }

    static Filter parse(String text, String property) {
        if (text.length() > 100) {
            throw QueryProblems.parameter(PARAMETER, SHAPE);
        }
        String[] ends = text.split("/", -1);
        if (ends.length == 1) {
            return new Filter.Compare(property, Filter.Operator.EQ, end(ends[0]));
        }
        if (ends.length != 2) {
            throw QueryProblems.parameter(PARAMETER, SHAPE);
        }
        boolean openStart = open(ends[0]);
        boolean openEnd = open(ends[1]);
        if (openStart && openEnd) {
            throw QueryProblems.parameter(PARAMETER, "needs at least one end of the interval (leave datetime out for all times)");
        }
        List<Filter> bounds = new ArrayList<>();
        Filter.Literal start = openStart ? null : end(ends[0]);
        Filter.Literal end = openEnd ? null : end(ends[1]);
        if (start != null && end != null && firstInstant(start).isAfter(lastInstant(end))) {
            throw QueryProblems.parameter(PARAMETER, "starts after it ends");
        }
        if (start != null) {
            bounds.add(new Filter.Compare(property, Filter.Operator.GE, start));
        }
        if (end != null) {
            bounds.add(new Filter.Compare(property, Filter.Operator.LE, end));
        }
        return bounds.size() == 1 ? bounds.get(0) : new Filter.And(bounds);
    }

    private static boolean open(String end) {
        return end.isEmpty() || end.equals("..");
    }

    private static Filter.Literal end(String text) {
        Instant instant = Rfc3339.instant(text);
        if (instant != null) {
            return new Filter.Timestamp(instant);
        }
        LocalDate date = Rfc3339.date(text);
        if (date != null) {
            return new Filter.Date(date);
        }
        throw QueryProblems.parameter(PARAMETER, SHAPE + "; \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                + "\" is not one");
    }

    /** A date ends with its day: 2026-03-01T08:00:00Z/2026-03-01 is that day from eight. */
    private static Instant lastInstant(Filter.Literal literal) {
        return literal instanceof Filter.Timestamp t ? t.value()
                : ((Filter.Date) literal).value().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
    }

    private static Instant firstInstant(Filter.Literal literal) {
        return literal instanceof Filter.Timestamp t ? t.value()
                : ((Filter.Date) literal).value().atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
