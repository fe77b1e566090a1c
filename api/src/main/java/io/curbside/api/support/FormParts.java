package io.curbside.api.support;

import io.curbside.api.i18n.Messages;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the part heads of a multipart/form-data body as it streams past, before Micronaut's form
 * decoder, and finds a form no route should act on (RFC 7578 §4.2): a part without a
 * Content-Disposition of form-data with a name, a nested multipart part, a form that never closes.
 * Netty's decoder fails on some of these with an internal error and quietly drops the others, so
 * a report would be filed without a photo its sender meant it to carry. Only the heads are kept:
 * the bytes of a part's body are scanned for the next delimiter and let go.
 */
final class FormParts {

    /** Far over any honest part head (a name, a file name, a type), so a head that runs on is refused. */
    private static final int MAX_HEAD = 8 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private enum State { BODY, DELIMITER_LINE, HEAD, CLOSED }

    private final byte[] delimiter;
    private State state = State.BODY;
    /** Bytes not yet judged: at most a delimiter's length in a body, a head in a head. The CRLF lets the first delimiter match. */
    private byte[] pending = CRLF;

    private FormParts(String boundary) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The scanner for a request of this Content-Type, or null when its body is not a multipart form that has a boundary. */
    static FormParts of(String contentType) {
        String boundary = isMultipart(contentType) ? boundary(contentType) : "";
        return boundary.isEmpty() ? null : new FormParts(boundary);
    }

    static boolean isMultipart(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** The boundary parameter of the Content-Type, unquoted; empty when there is none. */
    static String boundary(String contentType) {
        String value = parameters(contentType).get("boundary");
        return value == null ? "" : value;
    }

    /** The next piece of the body; {@code last} when it ends the body. A problem when the form is malformed. */
    ProblemException offer(ByteBuf content, boolean last) {
        if (state == State.CLOSED) {
            return null;
        }
        byte[] bytes = Arrays.copyOf(pending, pending.length + content.readableBytes());
        content.getBytes(content.readerIndex(), bytes, pending.length, content.readableBytes());
        int at = 0;
        while (state != State.CLOSED) {
            int next = step(bytes, at);
            if (next == MALFORMED) {
                return malformed();
            }
            if (next == MORE) {
                pending = Arrays.copyOfRange(bytes, state == State.BODY
                        ? Math.max(at, bytes.length - (delimiter.length - 1)) : at, bytes.length);
                if (state != State.BODY && pending.length > MAX_HEAD) {
                    return malformed();
                }
                return last ? malformed() : null;
            }
            at = next;
        }
        pending = CRLF;
        return null;
    }

    private static final int MORE = -1;
    private static final int MALFORMED = -2;

    /** Reads one step of the form from {@code at}: where the next begins, or MORE bytes are needed, or MALFORMED. */
    private int step(byte[] bytes, int at) {
        switch (state) {
            case BODY -> {
                int found = indexOf(bytes, delimiter, at);
                if (found < 0) {
                    return MORE;
                }
                state = State.DELIMITER_LINE;
                return found + delimiter.length;
            }
            case DELIMITER_LINE -> {
                if (bytes.length - at < 2) {
                    return MORE;
                }
                if (bytes[at] == '-' && bytes[at + 1] == '-') {
                    state = State.CLOSED;
                    return bytes.length;
                }
                int end = indexOf(bytes, CRLF, at);
                if (end < 0) {
                    return MORE;
                }
                // RFC 2046 §5.1.1: only transport padding (spaces, tabs) may follow a delimiter on its line.
                for (int i = at; i < end; i++) {
                    if (bytes[i] != ' ' && bytes[i] != '\t') {
                        return MALFORMED;
                    }
                }
                state = State.HEAD;
                return end + 2;
            }
            case HEAD -> {
                if (bytes.length - at >= 2 && bytes[at] == '\r' && bytes[at + 1] == '\n') {
                    return MALFORMED; // a part with no head at all: no Content-Disposition
                }
                int end = indexOf(bytes, END_OF_HEAD, at);
                if (end < 0) {
                    return MORE;
                }
                if (!acceptable(new String(bytes, at, end - at, StandardCharsets.UTF_8))) {
                    return MALFORMED;
                }
                state = State.BODY;
                return end + END_OF_HEAD.length;
            }
            default -> {
                return bytes.length;
            }
        }
    }

    /** A head of form-data with a name, and no multipart body inside. */
    private static boolean acceptable(String head) {
        String disposition = null;
        String type = null;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return false;
            }
            String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (field.equals("content-disposition")) {
                disposition = value;
            } else if (field.equals("content-type")) {
                type = value;
            }
        }
        if (disposition == null || !disposition.split(";", 2)[0].strip().equalsIgnoreCase("form-data")) {
            return false;
        }
        String name = parameters(disposition).get("name");
        return name != null && !name.isBlank() && !isMultipart(type);
    }

    /** The parameters after the first ";" of a header value, names in lower case, quoted values unquoted. */
    private static Map<String, String> parameters(String value) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < value.length()) {
                field.append(value.charAt(++i));
                continue;
            } else if (c == ';' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
                continue;
            }
            field.append(c);
        }
        fields.add(field.toString());
        Map<String, String> parameters = new HashMap<>();
        for (String f : fields.subList(1, fields.size())) {
            int equals = f.indexOf('=');
            if (equals > 0) {
                String v = f.substring(equals + 1).strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                parameters.putIfAbsent(f.substring(0, equals).strip().toLowerCase(Locale.ROOT), v);
            }
        }
        return parameters;
    }

    private static int indexOf(byte[] bytes, byte[] target, int from) {
        outer:
        for (int i = from; i <= bytes.length - target.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (bytes[i + j] != target[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static ProblemException malformed() {
        return new ProblemException(ProblemType.INVALID_BODY, Messages.english("problem.multipart.malformed", Map.of()));
    }
}
