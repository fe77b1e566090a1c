package io.curbside.api.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.curbside.api.problem.RefusedJson;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.JsonStreamConfig;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.LimitingStream;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.SerdeRegistry;
import io.micronaut.serde.config.SerdeConfiguration;
import io.micronaut.serde.jackson.JacksonJsonMapper;
import io.micronaut.serde.jackson.SerdeJacksonConfiguration;
import jakarta.inject.Singleton;
import org.reactivestreams.Processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one JSON reader of the application (request bodies and parts, stored documents): strict, so
 * that no two readers of a document can disagree on what it says. Micronaut's own reader takes the
 * first of two documents and ignores the rest, keeps one of a key given twice, reads ["a"] as "a"
 * and "a" as ["a"], "yes" as false and 2.5 as 2. This one reads exactly one document, refuses a
 * key given twice and every string that is not text ({@link PlainText}), then converts the tree
 * with {@link StrictDecoder}: a value of another JSON type than the field's is refused, named by
 * its path. Writing is Micronaut's.
 */
@Singleton
@Primary
@Replaces(JacksonJsonMapper.class)
public final class StrictJsonMapper implements ObjectMapper {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonMapper writer;
    private final SerdeRegistry registry;
    private final LimitingStream.RemainingLimits limits;
    private final Deserializer.DecoderContext context;

    public StrictJsonMapper(SerdeRegistry registry, SerdeConfiguration serde, SerdeJacksonConfiguration jackson) {
        this(new JacksonJsonMapper(registry, serde, jackson), registry, LimitingStream.limitsFromConfiguration(serde));
    }

    private StrictJsonMapper(JsonMapper writer, SerdeRegistry registry, LimitingStream.RemainingLimits limits) {
        this.writer = writer;
        this.registry = registry;
        this.limits = limits;
        this.context = registry.newDecoderContext(Object.class);
    }

    @Override
    public <T> T readValue(@NonNull byte[] json, @NonNull Argument<T> type) throws IOException {
        return readValueFromTree(tree(json), type);
    }

    @Override
    public <T> T readValue(@NonNull InputStream json, @NonNull Argument<T> type) throws IOException {
        return readValue(json.readAllBytes(), type);
    }

    @Override
    public <T> T readValue(@NonNull ByteBuffer<?> json, @NonNull Argument<T> type) throws IOException {
        return readValue(json.toByteArray(), type);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> T readValueFromTree(@NonNull JsonNode tree, @NonNull Argument<T> type) throws IOException {
        Deserializer deserializer = context.findDeserializer(type).createSpecific(context, (Argument) type);
        return (T) deserializer.deserializeNullable(StrictDecoder.of(tree, limits), context,
                type);
    }

    /**
     * A document Curbside stored itself (a jsonb column, an outbox payload), read as strictly as a
     * request except that its strings are not checked for text: rows written before every text
     * field was checked at the boundary (a control character in an old staff note or service name)
     * must still read, or one old row would fail the catalog, a status page or the outbox.
     */
    public static <T> T readStored(ObjectMapper json, String stored, Argument<T> type) throws IOException {
        if (json instanceof StrictJsonMapper strict) {
            return strict.readValueFromTree(tree(stored.getBytes(StandardCharsets.UTF_8), false), type);
        }
        return json.readValue(stored, type);
    }

    /** The document as a tree: exactly one value, no key twice, every string text. */
    static JsonNode tree(byte[] json) throws IOException {
        return tree(json, true);
    }

    private static JsonNode tree(byte[] json, boolean checkTexts) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonNode tree;
            // Null: a stored document, whose strings are not checked.
            Map<String, String> notText = checkTexts ? new LinkedHashMap<>() : null;
            try {
                if (parser.nextToken() == null) {
                    throw RefusedJson.syntax("", "it is empty");
                }
                tree = value(parser, new StringBuilder(), notText);
            } catch (JsonParseException e) {
                throw RefusedJson.syntax("", "it is not well-formed JSON (at " + where(e.getLocation()) + ")");
            }
            JsonLocation after = parser.currentLocation();
            try {
                if (parser.nextToken() == null) {
                    if (notText != null && !notText.isEmpty()) {
                        throw RefusedJson.texts(notText);
                    }
                    return tree;
                }
            } catch (JsonParseException e) {
                // Whatever follows, it is not whitespace.
            }
            throw RefusedJson.syntax("", "there is more after the JSON document (at " + where(after) + ")");
        }
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The value at the parser's current token; a string that is not text is noted by its path, and read on. */
    private static JsonNode value(JsonParser parser, StringBuilder path, Map<String, String> notText)
            throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                int length = path.length();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    path.append(length == 0 ? "" : ".").append(key);
                    text(key, path, notText);
                    if (fields.containsKey(key)) {
                        throw RefusedJson.syntax(path.toString(), "the key \"" + key + "\" is given twice");
                    }
                    parser.nextToken();
                    fields.put(key, value(parser, path, notText));
                    path.setLength(length);
                }
                return JsonNode.createObjectNode(fields);
            }
            case START_ARRAY -> {
                List<JsonNode> items = new ArrayList<>();
                int length = path.length();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    path.append('[').append(items.size()).append(']');
                    items.add(value(parser, path, notText));
                    path.setLength(length);
                }
                return JsonNode.createArrayNode(items);
            }
            case VALUE_STRING -> {
                String text = parser.getText();
                text(text, path, notText);
                return JsonNode.createStringNode(text);
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> JsonNode.createNumberNode(parser.getIntValue());
                    case LONG -> JsonNode.createNumberNode(parser.getLongValue());
                    default -> JsonNode.createNumberNode(parser.getBigIntegerValue());
                };
            }
            // Exact, so that 2.5 is never taken for 2 nor 1e400 for a double.
            case VALUE_NUMBER_FLOAT -> {
                return JsonNode.createNumberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return JsonNode.createBooleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return JsonNode.nullNode();
            }
            default -> throw RefusedJson.syntax(path.toString(), "it is not well-formed JSON");
        }
    }

    private static void text(String text, StringBuilder path, Map<String, String> notText) {
        if (notText == null) {
            return;
        }
        String problem = PlainText.problem(text);
        if (problem != null) {
            notText.putIfAbsent(path.toString(), problem);
        }
    }

    @Override
    public @NonNull JsonMapper createSpecific(@NonNull Argument<?> type) {
        return this;
    }

    @Override
    public @NonNull JsonMapper cloneWithViewClass(@NonNull Class<?> viewClass) {
        return this;
    }

    @Override
    public @NonNull JsonNode writeValueToTree(@Nullable Object value) throws IOException {
        return writer.writeValueToTree(value);
    }

    @Override
    public <T> @NonNull JsonNode writeValueToTree(@NonNull Argument<T> type, T value) throws IOException {
        return writer.writeValueToTree(type, value);
    }

    @Override
    public void writeValue(@NonNull OutputStream out, @Nullable Object object) throws IOException {
        writer.writeValue(out, object);
    }

    @Override
    public <T> void writeValue(@NonNull OutputStream out, @NonNull Argument<T> type, T object) throws IOException {
        writer.writeValue(out, type, object);
    }

    @Override
    public byte[] writeValueAsBytes(@Nullable Object object) throws IOException {
        return writer.writeValueAsBytes(object);
    }

    @Override
    public <T> byte[] writeValueAsBytes(@NonNull Argument<T> type, T object) throws IOException {
        return writer.writeValueAsBytes(type, object);
    }

    @Override
    public @NonNull Processor<byte[], JsonNode> createReactiveParser(Consumer<Processor<byte[], JsonNode>> onSubscribe,
                                                                     boolean streamArray) {
        return writer.createReactiveParser(onSubscribe, streamArray);
    }

    @Override
    public @NonNull JsonStreamConfig getStreamConfig() {
        return writer.getStreamConfig();
    }

    @Override
    public SerdeRegistry getSerdeRegistry() {
        return registry;
    }
}
