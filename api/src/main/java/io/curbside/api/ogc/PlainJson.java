package io.curbside.api.ogc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the OGC documents, which are plain maps, lists, strings, numbers and booleans, straight to
 * Jackson's generator, the same bytes the JSON mapper writes. The mapper looks up a serializer for
 * the runtime type of every value: for a page of 1,000 features that was most of the route's time
 * (script/bench opendata). A value of any other type is left to the mapper.
 */
final class PlainJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonMapper mapper;

    PlainJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    byte[] bytes(Object document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                write(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                write(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d) {
            out.writeNumber(d);
        } else if (value instanceof Float f) {
            out.writeNumber(f);
        } else if (value instanceof BigDecimal d) {
            out.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            out.writeNumber(i);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else {
            out.writeRawValue(new String(mapper.writeValueAsBytes(value), StandardCharsets.UTF_8));
        }
    }
}
