package io.curbside.api.store;

import io.curbside.api.support.StrictJsonMapper;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Values to and from the jsonb columns repositories bind as text (`?::jsonb`, `col::text`). What
 * Curbside stored always reads back, so a failure here is a broken row, not bad input.
 */
@Singleton
public class JsonColumns {

    /** A JSON object of any values (answers, audit details). */
    public static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);
    /** A JSON object of strings (district codes by layer, event data). */
    public static final Argument<Map<String, String>> CODES = Argument.mapOf(String.class, String.class);

    private final ObjectMapper json;

    public JsonColumns(ObjectMapper json) {
        this.json = json;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("a value could not be written as JSON", e);
        }
    }

    public <T> T read(String text, Argument<T> type) {
        try {
            return StrictJsonMapper.readStored(json, text, type);
        } catch (IOException e) {
            // Not the text itself: it may hold answers or notes, and this message is logged.
            throw new UncheckedIOException("stored JSON is unreadable as " + type.getTypeString(true), e);
        }
    }
}
