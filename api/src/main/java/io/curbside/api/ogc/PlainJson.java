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
import java.util.Arrays;
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
    /** What a thread's buffer may keep between answers: a page of 1,000 features and more. */
    private static final int KEPT_BYTES = 2 * 1024 * 1024;
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    private final JsonMapper mapper;

    PlainJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    byte[] bytes(Object document) {
        Written written = written(document);
        return Arrays.copyOf(written.array(), written.length());
    }

    /**
     * The document written into this thread's buffer, valid until the thread writes another. A page of 1,000
     * features is about 700 kB: written to a new stream, its growing copies and the final one were each a
     * humongous object for G1 at {@code -Xmx256m}, and most of the route's collections (script/bench opendata).
     */
    Written written(Object document) {
        Buffer out = BUFFERS.get();
        out.reset();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Written written = new Written(out.array(), out.size());
        if (out.array().length > KEPT_BYTES) {
            BUFFERS.remove(); // a page of 10,000 is not kept for the thread's next, smaller answer
        }
        return written;
    }

    /** The first {@code length} bytes of {@code array}, which the caller reads and does not keep. */
    record Written(byte[] array, int length) {
    }

    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(64 * 1024);
        }

        byte[] array() {
            return buf;
        }
    }

    /** A value that writes itself to the generator (a feature of a page, straight from its row). */
    interface Direct {
        void write(JsonGenerator out) throws IOException;
    }

    private void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof Direct direct) {
            direct.write(out);
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            // forEach rather than entrySet(): a feature's unmodifiable properties wrap each entry in a new object
            // as their entry set is iterated, 18,000 a page, and walking them was the route's hottest code.
            try {
                map.forEach((name, member) -> {
                    try {
                        out.writeFieldName(String.valueOf(name));
                        write(out, member);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
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
