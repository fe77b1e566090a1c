package io.curbside.api.published;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published fields of a row as the database writes them as text, one column each, for writers that copy
 * bytes rather than build values (the CSV download): column {@code i + 1} holds {@link PublishedForm#PROPERTIES}
 * {@code .get(i)}, then come {@link #LONGITUDE} and {@link #LATITUDE}. Every column is text on the wire (a cast
 * where the type is not), so the driver never switches one to its binary form: {@code ResultSet.getBytes} is the
 * field's UTF-8 text as it came, without a copy.
 * <p>
 * The times are the UTC wall time, {@code 2026-11-24 14:03:00.5} (never an offset, whatever the session's time
 * zone); {@code on_time} is {@code true} or {@code false}; the numbers are as the database writes them (the
 * coordinates the shortest text that reads back as the same double); {@code districts} and {@code photo_urls}
 * the stored JSON as jsonb writes it ({@code {"a": "1", "b": "2"}}, {@code ["u", "v"]}).
 */
public final class PublishedText {

    /** Column of the generalized point's longitude, null where withheld. */
    public static final int LONGITUDE = PublishedForm.PROPERTIES.size() + 1;
    /** Column of its latitude. */
    public static final int LATITUDE = PublishedForm.PROPERTIES.size() + 2;

    static final String COLUMNS;

    static {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String text : List.of("tracking_number", "service_code", "service_name", "department")) {
            columns.put(text, text);
        }
        columns.put("districts", "districts::text");
        columns.put("status", "status");
        columns.put("status_detail", "status_detail");
        for (String time : List.of("received_at", "updated_at", "closed_at", "expected_at")) {
            columns.put(time, "(" + time + " AT TIME ZONE 'UTC')::text");
        }
        columns.put("on_time", "on_time::text");
        columns.put("me_too_count", "me_too_count::text");
        columns.put("channel", "channel");
        columns.put("location_precision_m", "location_precision_m::text");
        columns.put("description", "description");
        columns.put("photo_urls", "photo_urls::text");
        columns.put("address", "address");
        if (!List.copyOf(columns.keySet()).equals(PublishedForm.PROPERTIES)) {
            throw new IllegalStateException("PublishedText reads " + columns.keySet() + " but PublishedForm publishes "
                    + PublishedForm.PROPERTIES + ": read every published field, in the same order");
        }
        COLUMNS = String.join(", ", columns.values()) + ", ST_X(location)::text, ST_Y(location)::text";
    }

    private PublishedText() {
    }

    /**
     * What is done with each row: its fields' text, column {@code i + 1} in {@code fields[i]}, null where null. The
     * arrays are the driver's own of that row (no copy): they may be kept, never changed.
     */
    @FunctionalInterface
    public interface Reader {
        void row(byte[][] fields) throws IOException;
    }
}
