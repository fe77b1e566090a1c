package io.curbside.api.downloads;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader: records end in CRLF (the last one too), a field is quoted or holds no quote, CR or LF,
 * a quote inside a quoted field is doubled, a closing quote is followed by a comma or the end of the record, and
 * every record has as many fields as the header. Anything else throws, naming the offset.
 */
final class Rfc4180 {

    private Rfc4180() {
    }

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        if (n == 0 || !text.endsWith("\r\n")) {
            throw new IllegalArgumentException("the last record does not end in CRLF");
        }
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("a quoted field is not closed");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.append(q);
                    i++;
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    throw new IllegalArgumentException("text after a closing quote at " + i);
                }
                continue;
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r') {
                if (i + 1 >= n || text.charAt(i + 1) != '\n') {
                    throw new IllegalArgumentException("a CR without LF at " + i);
                }
                record.add(field.toString());
                field.setLength(0);
                if (!records.isEmpty() && record.size() != records.get(0).size()) {
                    throw new IllegalArgumentException("record " + records.size() + " has " + record.size()
                            + " fields, the header " + records.get(0).size());
                }
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else if (c == '"' || c == '\n') {
                throw new IllegalArgumentException("a " + (c == '"' ? "quote" : "bare LF") + " in an unquoted field at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        return records;
    }
}
