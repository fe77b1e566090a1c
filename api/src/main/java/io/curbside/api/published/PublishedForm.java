package io.curbside.api.published;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.curbside.api.support.StrictJsonMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A published row as every open format shows it: the GeoJSON properties (the published fields, in the
 * data dictionary's order, and nothing else) and geometry (the generalized point, null where withheld).
 * One place, so that a feature of the OGC API, a line of an export and an entry of the change feed agree.
 * The same shape is given twice, side by side: as maps ({@link #properties}, {@link #geometry}), and written
 * straight to a JSON generator ({@link #writeProperties}, {@link #writeGeometry}), the same bytes as the maps
 * written by Jackson, for the OGC items page, where building 18 entries a feature and parsing each row's stored
 * JSON into maps was most of the route's own time (script/bench opendata). ogc.FeatureWriterTest holds them equal.
 */
@Singleton
public class PublishedForm {

    /** The property names, in order: the GeoJSON properties and the CSV columns follow it. */
    public static final List<String> PROPERTIES = List.of("tracking_number", "service_code", "service_name",
            "department", "districts", "status", "status_detail", "received_at", "updated_at", "closed_at",
            "expected_at", "on_time", "me_too_count", "channel", "location_precision_m", "description",
            "photo_urls", "address");

    /** Reads the stored JSON to copy it: jsonb's text has spaces after its colons and commas, the answers none. */
    private static final JsonFactory STORED = new JsonFactory();

    private final ObjectMapper json;

    PublishedForm(ObjectMapper json) {
        this.json = json;
    }

    public Map<String, Object> properties(PublishedRow row) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("tracking_number", row.trackingNumber());
        properties.put("service_code", row.serviceCode());
        properties.put("service_name", row.serviceName());
        properties.put("department", row.department());
        properties.put("districts", row.districtsJson() == null ? null : stored(row.districtsJson()));
        properties.put("status", row.status());
        properties.put("status_detail", row.statusDetail());
        properties.put("received_at", text(row.receivedAt()));
        properties.put("updated_at", text(row.updatedAt()));
        properties.put("closed_at", text(row.closedAt()));
        properties.put("expected_at", text(row.expectedAt()));
        properties.put("on_time", row.onTime());
        properties.put("me_too_count", row.meTooCount());
        properties.put("channel", row.channel());
        properties.put("location_precision_m", row.locationPrecisionM());
        properties.put("description", row.description());
        properties.put("photo_urls", row.photoUrlsJson() == null ? null : stored(row.photoUrlsJson()));
        properties.put("address", row.address());
        return properties;
    }

    /** {@link #properties} written as a JSON object, without building it. */
    public void writeProperties(JsonGenerator out, PublishedRow row) throws IOException {
        out.writeStartObject();
        string(out, "tracking_number", row.trackingNumber());
        string(out, "service_code", row.serviceCode());
        string(out, "service_name", row.serviceName());
        string(out, "department", row.department());
        out.writeFieldName("districts");
        writeStored(out, row.districtsJson());
        string(out, "status", row.status());
        string(out, "status_detail", row.statusDetail());
        string(out, "received_at", text(row.receivedAt()));
        string(out, "updated_at", text(row.updatedAt()));
        string(out, "closed_at", text(row.closedAt()));
        string(out, "expected_at", text(row.expectedAt()));
        out.writeFieldName("on_time");
        if (row.onTime() == null) {
            out.writeNull();
        } else {
            out.writeBoolean(row.onTime());
        }
        number(out, "me_too_count", row.meTooCount());
        string(out, "channel", row.channel());
        number(out, "location_precision_m", row.locationPrecisionM());
        string(out, "description", row.description());
        out.writeFieldName("photo_urls");
        writeStored(out, row.photoUrlsJson());
        string(out, "address", row.address());
        out.writeEndObject();
    }

    /**
     * A GeoJSON Point in CRS84, or null where the policy withholds the place. Its members in GeoJSON's order, and
     * always the same: {@code Map.of} iterated in an order drawn afresh by each JVM, so the same page could be
     * written {@code coordinates} first after a restart, and change its entity tag.
     */
    @Nullable
    public Map<String, Object> geometry(PublishedRow row) {
        if (row.lon() == null || row.lat() == null) {
            return null;
        }
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("type", "Point");
        point.put("coordinates", List.of(row.lon(), row.lat()));
        return point;
    }

    /** {@link #geometry} written as JSON, without building it. */
    public void writeGeometry(JsonGenerator out, PublishedRow row) throws IOException {
        if (row.lon() == null || row.lat() == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        out.writeStringField("type", "Point");
        out.writeFieldName("coordinates");
        out.writeStartArray();
        out.writeNumber(row.lon().doubleValue());
        out.writeNumber(row.lat().doubleValue());
        out.writeEndArray();
        out.writeEndObject();
    }

    /**
     * A stored JSON document (a row's districts or photo URLs) as plain maps and lists, as {@link #properties}
     * gives it: written back as JSON, and readable in the HTML view.
     */
    @Nullable
    public Object stored(String document) {
        try {
            return StrictJsonMapper.readStored(json, document, Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException("a published row holds JSON that does not read", e);
        }
    }

    /**
     * A stored JSON document written as {@link #stored} reads it and Jackson writes it back: the same keys in the
     * same order, strings escaped by the generator, integers as they are, decimals exactly; copied token by token,
     * never built. Not copied raw: jsonb's text is spaced ({@code {"ward": "3"}}), which the answers never were.
     */
    private static void writeStored(JsonGenerator out, @Nullable String document) throws IOException {
        if (document == null) {
            out.writeNull();
            return;
        }
        try (JsonParser in = STORED.createParser(document)) {
            if (in.nextToken() == null) {
                throw new UncheckedIOException(new IOException("a published row holds an empty JSON document"));
            }
            copy(in, out);
            if (in.nextToken() != null) {
                throw new UncheckedIOException(new IOException("a published row holds more than one JSON document"));
            }
        }
    }

    private static void copy(JsonParser in, JsonGenerator out) throws IOException {
        JsonToken token = in.currentToken();
        switch (token) {
            case START_OBJECT -> {
                out.writeStartObject();
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    out.writeFieldName(in.currentName());
                    in.nextToken();
                    copy(in, out);
                }
                out.writeEndObject();
            }
            case START_ARRAY -> {
                out.writeStartArray();
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    copy(in, out);
                }
                out.writeEndArray();
            }
            case VALUE_STRING -> out.writeString(in.getTextCharacters(), in.getTextOffset(), in.getTextLength());
            case VALUE_NUMBER_INT -> {
                switch (in.getNumberType()) {
                    case INT, LONG -> out.writeNumber(in.getLongValue());
                    default -> out.writeNumber(in.getBigIntegerValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> out.writeNumber(in.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> out.writeBoolean(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> out.writeNull();
            default -> throw new UncheckedIOException(new IOException("a published row holds JSON that does not read"));
        }
    }

    private static void string(JsonGenerator out, String name, @Nullable String value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }

    private static void number(JsonGenerator out, String name, @Nullable Integer value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeNumber(value.longValue());
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
