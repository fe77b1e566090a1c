package io.curbside.api.addresses;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the OpenAddresses CSV layout strictly (RFC 4180): the header exactly as OpenAddresses
 * writes it, eleven fields on every record, a quote only around a whole field and doubled inside
 * it, CRLF or LF line ends, UTF-8. A record that breaks a rule is an error naming its line (the
 * line it starts on; the header is line 1), and reading goes on at the next record.
 */
final class OpenAddressesCsv {

    static final String HEADER = "LON,LAT,NUMBER,STREET,UNIT,CITY,DISTRICT,REGION,POSTCODE,ID,HASH";
    private static final int FIELDS = 11;
    /** No field of an address is longer; a longer one is an error, and is not kept in memory. */
    static final int MAX_FIELD = 1_000;

    private final Reader in;
    private final FileErrors errors;
    private final char[] buffer = new char[64 * 1024];
    private int length;
    private int position;
    private long line = 1;

    OpenAddressesCsv(InputStream in, FileErrors errors) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        this.errors = errors;
    }

    /** Hands each well-formed record to {@code rows}, until the end or until the errors are full. */
    void read(Consumer<AddressRow> rows) throws IOException {
        try {
            if (peek() == '\uFEFF') {
                position++;
            }
            List<String> header = record(1);
            if (header == null || !String.join(",", header).equals(HEADER)) {
                errors.add("lines[1]", "the first line must be the OpenAddresses header " + HEADER);
                return;
            }
            while (!errors.full()) {
                long start = line;
                List<String> fields = record(start);
                if (fields == null) {
                    return;
                }
                if (fields.isEmpty()) {
                    continue;
                }
                if (fields.size() != FIELDS) {
                    errors.add("lines[" + start + "]", "has " + fields.size() + " fields; the header has " + FIELDS);
                    continue;
                }
                rows.accept(new AddressRow("lines[" + start + "]", true, fields.get(0), fields.get(1), fields.get(2),
                        fields.get(3), fields.get(4), fields.get(5), fields.get(8), fields.get(9), fields.get(10)));
            }
        } catch (CharacterCodingException e) {
            errors.add("lines[" + line + "]", "is not UTF-8 text");
        }
    }

    /** The next record's fields; empty when it was refused (an error is listed); null at the end. */
    private List<String> record(long start) throws IOException {
        if (peek() < 0) {
            return null;
        }
        List<String> fields = new ArrayList<>(FIELDS);
        StringBuilder field = new StringBuilder();
        String problem = null;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean tooLong = false;
        while (true) {
            int c = next();
            if (quoted) {
                if (c < 0) {
                    errors.add("lines[" + start + "]", "a quoted field is never closed");
                    return null;
                }
                if (c == '"') {
                    if (peek() == '"') {
                        position++;
                        tooLong |= append(field, '"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    tooLong |= append(field, (char) c);
                }
                continue;
            }
            if (c == ',' || c == '\n' || c == '\r' || c < 0) {
                if (c == '\r') {
                    if (peek() != '\n') {
                        problem = problem == null ? "has a carriage return that does not end the line" : problem;
                        continue;
                    }
                    position++;
                    c = '\n';
                }
                if (tooLong && problem == null) {
                    problem = "field " + (fields.size() + 1) + " is longer than " + MAX_FIELD + " characters";
                }
                // Past one too many, a field is only a problem: a line of a million commas must not become a list of them.
                if (fields.size() <= FIELDS) {
                    fields.add(field.toString());
                } else if (problem == null) {
                    problem = "has more than " + FIELDS + " fields; the header has " + FIELDS;
                }
                field.setLength(0);
                afterQuote = false;
                tooLong = false;
                if (c == '\n' || c < 0) {
                    if (c == '\n') {
                        line++;
                    }
                    if (problem != null) {
                        errors.add("lines[" + start + "]", problem);
                        return List.of();
                    }
                    return fields;
                }
                continue;
            }
            if (afterQuote) {
                problem = problem == null ? "field " + (fields.size() + 1) + " has text after its closing quote" : problem;
            } else if (c == '"') {
                if (field.isEmpty()) {
                    quoted = true;
                    continue;
                }
                problem = problem == null ? "field " + (fields.size() + 1) + " has a quote inside it; quote the whole "
                        + "field and double the quote (\"\")" : problem;
            }
            tooLong |= append(field, (char) c);
        }
    }

    /** True when the field is already full: what follows is dropped, and the record refused. */
    private static boolean append(StringBuilder field, char c) {
        if (field.length() >= MAX_FIELD) {
            return true;
        }
        field.append(c);
        return false;
    }

    private int peek() throws IOException {
        if (position == length && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private int next() throws IOException {
        if (position == length && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        length = in.read(buffer);
        position = 0;
        if (length <= 0) {
            length = 0;
            return false;
        }
        return true;
    }
}
