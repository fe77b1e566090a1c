package io.curbside.api.problem;

import io.micronaut.serde.exceptions.SerdeException;

import java.util.Map;

/**
 * A JSON document the strict reader refused: not one well-formed JSON document (a syntax fault,
 * 400), a string no text field may hold (NUL, a lone surrogate: 422), or a value of another JSON
 * type than its field's (422). The field is the JSON path as sent ("location.lat", "grants[0]"),
 * empty for the document or when the deserializers' path names it.
 */
public final class RefusedJson extends SerdeException {

    /** What is wrong. */
    public enum Kind { SYNTAX, TEXT, TYPE, NOT_AN_ARRAY }

    private final Kind kind;
    private final String field;
    private final String reason;
    private final transient Map<String, String> texts;

    private RefusedJson(Kind kind, String field, String reason, Map<String, String> texts) {
        super(reason);
        this.kind = kind;
        this.field = field;
        this.reason = reason;
        this.texts = texts;
    }

    private RefusedJson(Kind kind, String field, String reason) {
        this(kind, field, reason, Map.of());
    }

    /** Not one well-formed JSON document; the reason is in words a client's developer reads. */
    public static RefusedJson syntax(String field, String reason) {
        return new RefusedJson(Kind.SYNTAX, field, reason);
    }

    /** Strings in the document that are not text: each one's path and PlainText's reason, every one at once. */
    public static RefusedJson texts(Map<String, String> reasons) {
        return new RefusedJson(Kind.TEXT, "", "a string is not text", Map.copyOf(reasons));
    }

    /** A value of another JSON type than the field's ("must be a whole number"). */
    public static RefusedJson type(String reason) {
        return new RefusedJson(Kind.TYPE, "", reason);
    }

    /**
     * Not an array where an array goes. Serde's collection reader names it as its first item, since
     * it cannot tell opening the array from reading into it; this kind lets the path be set right.
     */
    public static RefusedJson notAnArray() {
        return new RefusedJson(Kind.NOT_AN_ARRAY, "", "must be an array");
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    /** For {@link Kind#TEXT}: the path of each string that is not text, and what is wrong with it. */
    public Map<String, String> texts() {
        return texts;
    }
}
