package io.curbside.api.downloads;

import io.curbside.api.published.PublishedForm;
import io.curbside.api.published.PublishedText;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Published rows as RFC 4180 CSV: a header row, CRLF after every record, a field quoted when it holds a comma,
 * a quote, CR or LF, quotes doubled; UTF-8 without a byte order mark. The columns are
 * {@link PublishedForm#PROPERTIES} in order, with {@code districts} spread over one {@code district_<layer>}
 * column per layer of the city's boundaries, {@code photo_urls} joined by spaces, then {@code longitude} and
 * {@code latitude}. A text cell starting with {@code = + - @}, TAB or CR, which a spreadsheet would run as a
 * formula, gets a leading apostrophe (OWASP's advice on CSV injection); numbers are written as they are.
 * <p>
 * Written straight from the text of {@link PublishedText}'s columns: each field's UTF-8 bytes, as the driver
 * received them, are copied into one reusable buffer, so a row costs no objects beyond the driver's own and the
 * two coordinates. The bytes are those of {@link PublishedForm#properties} written through {@link #field}, as the
 * CSV was made before (CsvBytesTest compares them on awkward rows): times as {@code Instant.toString} writes
 * them, coordinates as {@code BigDecimal} plain text. The stored districts and photo URLs are read without a JSON
 * parser when they are what jsonb writes of flat string values without escapes; anything else (an escape, a
 * value that is not a string) goes through {@link PublishedForm#stored}, as before. The snapshots' CSV is this
 * writer too ({@link Exports}).
 */
final class CsvRows {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    /** How each property's text becomes its cells. */
    private enum Kind { TEXT, NUMBER, TIME, DISTRICTS, PHOTOS }

    private static final Kind[] KINDS = kinds();

    private final OutputStream out;
    private final PublishedForm form;
    private final List<String> layers;
    private final byte[][] layerKeys;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int count;
    /** The districts of the row: where each layer's value starts and ends in the stored text, -1 if absent. */
    private final int[] districtStart;
    private final int[] districtEnd;
    /** Slots of the table of coordinates written: the database's text, and the CSV's. */
    private static final int COORDINATES = 4096;
    private final byte[][] coordinateKeys = new byte[COORDINATES][];
    private final byte[][] coordinateTexts = new byte[COORDINATES][];
    /** The photo URLs of the row joined by spaces, in its first {@link #joinedLength} bytes. */
    private byte[] joined = new byte[256];
    private int joinedLength;

    CsvRows(OutputStream out, PublishedForm form, List<String> layers) {
        this.out = out;
        this.form = form;
        this.layers = List.copyOf(layers);
        this.layerKeys = this.layers.stream().map(layer -> layer.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        this.districtStart = new int[layerKeys.length];
        this.districtEnd = new int[layerKeys.length];
    }

    /** The header row's names, in order. */
    static List<String> columns(List<String> layers) {
        List<String> columns = new ArrayList<>();
        for (String property : PublishedForm.PROPERTIES) {
            if (property.equals("districts")) {
                layers.forEach(layer -> columns.add("district_" + layer));
            } else {
                columns.add(property);
            }
        }
        columns.add("longitude");
        columns.add("latitude");
        return columns;
    }

    void start() throws IOException {
        List<String> columns = columns(layers);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                put((byte) ',');
            }
            put(field(columns.get(i)));
        }
        put(CRLF, 0, CRLF.length);
    }

    /** One record, from the text of {@link PublishedText}'s columns (column {@code i + 1} in {@code fields[i]}). */
    void row(byte[][] fields) throws IOException {
        boolean first = true;
        for (int i = 0; i < KINDS.length; i++) {
            byte[] text = fields[i];
            if (KINDS[i] == Kind.DISTRICTS) {
                districts(text, first);
                first &= layerKeys.length == 0;
                continue;
            }
            if (!first) {
                put((byte) ',');
            }
            first = false;
            switch (KINDS[i]) {
                case TEXT -> text(text, 0, text == null ? 0 : text.length);
                case NUMBER -> plain(text);
                case TIME -> time(text);
                case PHOTOS -> photos(text);
                default -> throw new IllegalStateException(KINDS[i].name());
            }
        }
        put((byte) ',');
        coordinate(fields[PublishedText.LONGITUDE - 1]);
        put((byte) ',');
        coordinate(fields[PublishedText.LATITUDE - 1]);
        put(CRLF, 0, CRLF.length);
    }

    void end() throws IOException {
        flush();
        out.flush();
    }

    /** One field: empty for null, numbers plain (never 1.0E-5), text neutralised and quoted where it must be. */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal number) {
            return number.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = value.toString();
        boolean formula = !text.isEmpty() && formulaStart(text.charAt(0));
        String neutralised = formula ? "'" + text : text;
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0;
        return quote ? '"' + neutralised.replace("\"", "\"\"") + '"' : neutralised;
    }

    /**
     * A coordinate as {@code BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()} writes it, without
     * the BigDecimal where {@code Double.toString} gives plain digits (every coordinate on Earth but the tiniest).
     */
    static String plain(double value) {
        String text = Double.toString(value);
        if (text.indexOf('E') >= 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        String digits = text.substring(0, end);
        return digits.equals("-0") ? "0" : digits;
    }

    private static boolean formulaStart(int c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** A text cell from UTF-8 bytes, as {@link #field} writes the string they spell. */
    private void text(byte[] bytes, int from, int to) throws IOException {
        if (from >= to) {
            return;
        }
        boolean quote = false;
        for (int i = from; i < to && !quote; i++) {
            byte b = bytes[i];
            quote = b == ',' || b == '"' || b == '\r' || b == '\n';
        }
        if (quote) {
            put((byte) '"');
        }
        if (formulaStart(bytes[from])) {
            put((byte) '\'');
        }
        if (!quote) {
            put(bytes, from, to - from);
            return;
        }
        int run = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '"') {
                put(bytes, run, i + 1 - run);
                run = i; // the quote again, doubled
            }
        }
        put(bytes, run, to - run);
        put((byte) '"');
    }

    /** A number or boolean as the database wrote it: the same digits as Java's. */
    private void plain(byte[] text) throws IOException {
        if (text != null) {
            put(text, 0, text.length);
        }
    }

    /**
     * A coordinate, from the database's shortest text of the double. Reading and writing a double is most of a
     * row's cost, and the published points are snapped to cells, so a city has a few thousand distinct
     * coordinates: the written text of each is kept in a small table (by hash, one text a slot, overwritten on a
     * collision), a pure function of the database's text.
     */
    private void coordinate(byte[] text) throws IOException {
        if (text == null) {
            return;
        }
        int hash = Arrays.hashCode(text);
        int slot = (hash ^ (hash >>> 16)) & (COORDINATES - 1);
        if (!Arrays.equals(coordinateKeys[slot], text)) {
            String plain = plain(Double.parseDouble(new String(text, StandardCharsets.US_ASCII)));
            coordinateKeys[slot] = text;
            coordinateTexts[slot] = plain.getBytes(StandardCharsets.US_ASCII);
        }
        byte[] plain = coordinateTexts[slot];
        put(plain, 0, plain.length);
    }

    /**
     * A UTC wall time {@code yyyy-MM-dd HH:mm:ss[.f…]} as {@code Instant.toString} writes the instant: a T, the
     * fraction in 3 or 6 digits (none when zero), a Z. Years from 1900 to 9999 are rewritten byte by byte; any
     * other goes through java.time, and what that cannot read (infinity) is written as text.
     */
    private void time(byte[] text) throws IOException {
        if (text == null) {
            return;
        }
        if (!plainTime(text)) {
            String wall = new String(text, StandardCharsets.UTF_8);
            try {
                put(field(LocalDateTime.parse(wall.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toString()));
            } catch (DateTimeParseException e) {
                put(field(wall));
            }
            return;
        }
        put(text, 0, 10);
        put((byte) 'T');
        put(text, 11, 8);
        int digits = text.length - 20;
        if (digits > 0) {
            boolean millis = true;
            for (int i = 3; i < digits; i++) {
                millis &= text[20 + i] == '0';
            }
            int shown = millis ? 3 : 6;
            put((byte) '.');
            for (int i = 0; i < shown; i++) {
                put(i < digits ? text[20 + i] : (byte) '0');
            }
        }
        put((byte) 'Z');
    }

    private static boolean plainTime(byte[] t) {
        int n = t.length;
        if (n != 19 && (n < 22 || n > 26)) {
            return false;
        }
        if (!(t[0] > '1' || (t[0] == '1' && t[1] == '9'))) {
            return false;
        }
        for (int i = 0; i < 19; i++) {
            byte expected = switch (i) {
                case 4, 7 -> '-';
                case 10 -> ' ';
                case 13, 16 -> ':';
                default -> 0;
            };
            if (expected == 0 ? t[i] < '0' || t[i] > '9' : t[i] != expected) {
                return false;
            }
        }
        if (n > 19) {
            if (t[19] != '.' || t[n - 1] == '0') {
                return false;
            }
            for (int i = 20; i < n; i++) {
                if (t[i] < '0' || t[i] > '9') {
                    return false;
                }
            }
        }
        return true;
    }

    /** One cell per layer, each the district's code, read from jsonb's text of a flat object of strings. */
    private void districts(byte[] json, boolean first) throws IOException {
        if (layerKeys.length == 0) {
            return;
        }
        boolean none = json == null || Arrays.equals(json, NULL);
        Map<?, ?> parsed = null;
        if (!none && !flatStrings(json, '{', '}')) {
            Object districts = form.stored(new String(json, StandardCharsets.UTF_8));
            parsed = districts instanceof Map<?, ?> map ? map : Map.of();
        }
        for (int l = 0; l < layerKeys.length; l++) {
            if (l > 0 || !first) {
                put((byte) ',');
            }
            if (parsed != null) {
                put(field(parsed.get(layers.get(l))));
            } else if (!none && districtStart[l] >= 0) {
                text(json, districtStart[l], districtEnd[l]);
            }
        }
    }

    /** The photo URLs joined by spaces, read from jsonb's text of an array of strings. */
    private void photos(byte[] json) throws IOException {
        if (json == null || Arrays.equals(json, NULL)) {
            return;
        }
        if (!flatStrings(json, '[', ']')) {
            Object photos = form.stored(new String(json, StandardCharsets.UTF_8));
            put(field(photos instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
                    : photos));
            return;
        }
        text(joined, 0, joinedLength);
    }

    /**
     * Reads jsonb's text of an object (or array) whose values are all strings without a backslash: for an object
     * notes where each layer's value lies (in {@link #districtStart}, -1 when it has none); for an array joins
     * the strings by spaces into {@link #joined}. False if the text is anything else.
     */
    private boolean flatStrings(byte[] json, char open, char close) {
        boolean object = open == '{';
        if (object) {
            Arrays.fill(districtStart, -1);
        } else {
            joinedLength = 0;
        }
        int n = json.length;
        int i = 0;
        if (n < 2 || json[i++] != open) {
            return false;
        }
        if (json[i] == close) {
            return i + 1 == n;
        }
        int element = 0;
        while (true) {
            int keyStart = -1;
            int keyEnd = -1;
            if (object) {
                keyStart = i + 1;
                keyEnd = stringEnd(json, i);
                if (keyEnd < 0 || keyEnd + 3 >= n || json[keyEnd + 1] != ':' || json[keyEnd + 2] != ' ') {
                    return false;
                }
                i = keyEnd + 3;
            }
            int valueEnd = stringEnd(json, i);
            if (valueEnd < 0) {
                return false;
            }
            int valueStart = i + 1;
            if (object) {
                for (int l = 0; l < layerKeys.length; l++) {
                    if (equal(json, keyStart, keyEnd, layerKeys[l])) {
                        districtStart[l] = valueStart;
                        districtEnd[l] = valueEnd;
                    }
                }
            } else {
                append(element++ > 0, json, valueStart, valueEnd);
            }
            i = valueEnd + 1;
            if (i < n && json[i] == close) {
                return i + 1 == n;
            }
            if (i + 2 >= n || json[i] != ',' || json[i + 1] != ' ') {
                return false;
            }
            i += 2;
        }
    }

    /** Where the string starting with a quote at {@code at} ends (its closing quote), or -1 if none or escaped. */
    private static int stringEnd(byte[] json, int at) {
        if (at >= json.length || json[at] != '"') {
            return -1;
        }
        for (int i = at + 1; i < json.length; i++) {
            if (json[i] == '"') {
                return i;
            }
            if (json[i] == '\\') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean equal(byte[] json, int from, int to, byte[] key) {
        if (to - from != key.length) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (json[from + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private void append(boolean space, byte[] json, int from, int to) {
        int needed = joinedLength + (space ? 1 : 0) + to - from;
        if (needed > joined.length) {
            joined = Arrays.copyOf(joined, Math.max(needed, joined.length * 2));
        }
        if (space) {
            joined[joinedLength++] = ' ';
        }
        System.arraycopy(json, from, joined, joinedLength, to - from);
        joinedLength += to - from;
    }

    private void put(String ascii) throws IOException {
        byte[] bytes = ascii.getBytes(StandardCharsets.UTF_8);
        put(bytes, 0, bytes.length);
    }

    private void put(byte b) throws IOException {
        if (count == buffer.length) {
            flush();
        }
        buffer[count++] = b;
    }

    private void put(byte[] bytes, int from, int length) throws IOException {
        while (length > 0) {
            if (count == buffer.length) {
                flush();
            }
            int n = Math.min(length, buffer.length - count);
            System.arraycopy(bytes, from, buffer, count, n);
            count += n;
            from += n;
            length -= n;
        }
    }

    private void flush() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }

    private static Kind[] kinds() {
        Map<String, Kind> kinds = new HashMap<>();
        for (String text : List.of("tracking_number", "service_code", "service_name", "department", "status",
                "status_detail", "channel", "description", "address")) {
            kinds.put(text, Kind.TEXT);
        }
        for (String time : List.of("received_at", "updated_at", "closed_at", "expected_at")) {
            kinds.put(time, Kind.TIME);
        }
        kinds.put("on_time", Kind.NUMBER);
        kinds.put("me_too_count", Kind.NUMBER);
        kinds.put("location_precision_m", Kind.NUMBER);
        kinds.put("districts", Kind.DISTRICTS);
        kinds.put("photo_urls", Kind.PHOTOS);
        Kind[] ordered = new Kind[PublishedForm.PROPERTIES.size()];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = kinds.get(PublishedForm.PROPERTIES.get(i));
            if (ordered[i] == null) {
                throw new IllegalStateException("CsvRows does not know how to write " + PublishedForm.PROPERTIES.get(i));
            }
        }
        return ordered;
    }
}
