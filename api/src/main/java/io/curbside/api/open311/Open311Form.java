package io.curbside.api.open311;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.support.PlainText;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of an Open311 POST, in the order sent, each name with all its values: read from an
 * {@code application/x-www-form-urlencoded} body strictly (percent escapes that are whole bytes of
 * UTF-8, no control characters), or handed over from the text parts of a multipart form.
 */
final class Open311Form {

    /** Far over what a report with every attribute of a service sends. */
    static final int MAX_FIELDS = 300;

    private final Map<String, List<String>> fields = new LinkedHashMap<>();

    void add(String name, String value) {
        String problem = PlainText.problem(name);
        if (problem == null) {
            problem = PlainText.problem(value);
        }
        if (problem != null) {
            throw new ProblemException(ProblemType.INVALID_BODY, "The form field \"" + safe(name) + "\" " + problem + ".");
        }
        if (fields.size() >= MAX_FIELDS && !fields.containsKey(name)) {
            throw new ProblemException(ProblemType.INVALID_BODY, "The form has more than " + MAX_FIELDS + " fields.");
        }
        fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    /** Reads a form-urlencoded body; an empty body is an empty form. */
    static Open311Form urlEncoded(String body) {
        Open311Form form = new Open311Form();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            form.add(name, value);
        }
        return form;
    }

    /** The one value of a field; null when it is absent or empty (an empty field is no field, as in a query). */
    String one(String name) {
        List<String> values = fields.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw ProblemException.invalidParameter(name, "is given " + values.size() + " times; it takes one value");
        }
        String value = values.get(0).strip();
        return value.isEmpty() ? null : value;
    }

    Map<String, List<String>> all() {
        return fields;
    }

    private static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length() || Character.digit(encoded.charAt(i + 1), 16) < 0
                        || Character.digit(encoded.charAt(i + 2), 16) < 0) {
                    throw new ProblemException(ProblemType.INVALID_BODY,
                            "The form holds a \"%\" that is not followed by two hexadecimal digits.");
                }
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c > 0x7e || c < 0x20) {
                throw new ProblemException(ProblemType.INVALID_BODY,
                        "The form holds a character that is not percent-encoded: encode the body as "
                                + "application/x-www-form-urlencoded says.");
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(ProblemType.INVALID_BODY, "The form holds bytes that are not UTF-8.");
        }
    }

    /** A field name as it can be quoted back: at most 60 characters. */
    private static String safe(String name) {
        String printable = name.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }
}
