package io.curbside.api.downloads;

import io.curbside.api.published.PublishedForm;
import io.curbside.api.published.PublishedRow;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Published rows as RFC 4180 CSV: a header row, CRLF after every record, a field quoted when it holds a comma,
 * a quote, CR or LF, quotes doubled; UTF-8 without a byte order mark. The columns are
 * {@link PublishedForm#PROPERTIES} in order, with {@code districts} spread over one {@code district_<layer>}
 * column per layer of the city's boundaries, {@code photo_urls} joined by spaces, then {@code longitude} and
 * {@code latitude}. A text cell starting with {@code = + - @}, TAB or CR, which a spreadsheet would run as a
 * formula, gets a leading apostrophe (OWASP's advice on CSV injection); numbers are written as they are.
 */
final class CsvRows implements ExportRows {

    private static final char[] FORMULA_STARTS = {'=', '+', '-', '@', '\t', '\r'};

    private final Writer out;
    private final PublishedForm form;
    private final List<String> layers;

    CsvRows(OutputStream out, PublishedForm form, List<String> layers) {
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        this.form = form;
        this.layers = List.copyOf(layers);
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

    @Override
    public void start() throws IOException {
        record(new ArrayList<>(columns(layers)));
    }

    @Override
    public void row(PublishedRow row) throws IOException {
        Map<String, Object> properties = form.properties(row);
        List<Object> cells = new ArrayList<>();
        for (String property : PublishedForm.PROPERTIES) {
            Object value = properties.get(property);
            if (property.equals("districts")) {
                Map<?, ?> districts = value instanceof Map<?, ?> map ? map : Map.of();
                layers.forEach(layer -> cells.add(districts.get(layer)));
            } else if (value instanceof List<?> list) {
                cells.add(String.join(" ", list.stream().map(String::valueOf).toList()));
            } else {
                cells.add(value);
            }
        }
        cells.add(row.lon() == null ? null : BigDecimal.valueOf(row.lon()));
        cells.add(row.lat() == null ? null : BigDecimal.valueOf(row.lat()));
        record(cells);
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }

    private void record(List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(cells.get(i)));
        }
        out.write("\r\n");
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
        String text = neutralised(value.toString());
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String neutralised(String text) {
        if (!text.isEmpty()) {
            for (char c : FORMULA_STARTS) {
                if (text.charAt(0) == c) {
                    return "'" + text;
                }
            }
        }
        return text;
    }
}
