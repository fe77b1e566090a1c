package io.curbside.api.addresses;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a GeoJSON FeatureCollection of address points as it arrives, one feature at a time:
 * Point geometries in WGS84 longitude, latitude, with OpenAddresses' property names
 * ({@code number}, {@code street}, {@code unit}, {@code city}, {@code postcode}, {@code id},
 * {@code hash}; others are skipped). A key given twice is refused, as everywhere in Curbside.
 * A feature that breaks a rule is an error naming it ({@code features[3].geometry}); a file
 * that is not JSON stops the reading at the place it breaks.
 */
final class GeoJsonAddresses {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(10_000)
                    .maxNumberLength(40).build())
            .build();
    static final Set<String> PROPERTIES = Set.of("number", "street", "unit", "city", "postcode", "id", "hash");

    private final InputStream in;
    private final FileErrors errors;

    GeoJsonAddresses(InputStream in, FileErrors errors) {
        this.in = in;
        this.errors = errors;
    }

    void read(Consumer<AddressRow> rows) throws IOException {
        int index = 0;
        String where = "body";
        try (JsonParser json = JSON.createParser(in)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                errors.add("body", "must be a GeoJSON FeatureCollection");
                return;
            }
            boolean collection = false;
            boolean features = false;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String key = json.currentName();
                JsonToken value = json.nextToken();
                if (key.equals("type")) {
                    collection = value == JsonToken.VALUE_STRING && json.getText().equals("FeatureCollection");
                    if (!collection) {
                        errors.add("type", "must be \"FeatureCollection\"");
                        return;
                    }
                } else if (key.equals("features") && value == JsonToken.START_ARRAY) {
                    features = true;
                    while (json.nextToken() != JsonToken.END_ARRAY && !errors.full()) {
                        where = "features[" + index + "]";
                        feature(json, where, rows);
                        index++;
                    }
                    if (errors.full()) {
                        return;
                    }
                    where = "body";
                } else {
                    json.skipChildren();
                }
            }
            if (!collection || !features) {
                errors.add(collection ? "features" : "type", collection ? "must be an array of Point features"
                        : "must be \"FeatureCollection\"");
            }
            if (json.nextToken() != null) {
                errors.add("body", "has more after the FeatureCollection");
            }
        } catch (JsonProcessingException e) {
            errors.add(where, "is not valid JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private void feature(JsonParser json, String where, Consumer<AddressRow> rows) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            errors.add(where, "must be a GeoJSON Feature");
            json.skipChildren();
            return;
        }
        String type = null;
        String[] point = null;
        boolean geometryRead = false;
        Map<String, String> properties = new HashMap<>();
        String problem = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            JsonToken value = json.nextToken();
            switch (key) {
                case "type" -> type = value == JsonToken.VALUE_STRING ? json.getText() : "";
                case "geometry" -> {
                    geometryRead = true;
                    point = point(json);
                }
                case "properties" -> {
                    if (value != JsonToken.START_OBJECT) {
                        problem = problem == null ? "properties: must be an object" : problem;
                        json.skipChildren();
                    } else {
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String name = json.currentName();
                            JsonToken v = json.nextToken();
                            if (!PROPERTIES.contains(name) || v == JsonToken.VALUE_NULL) {
                                json.skipChildren();
                            } else if (v == JsonToken.VALUE_STRING || v.isNumeric()) {
                                properties.put(name, json.getText());
                            } else {
                                errors.add(where + ".properties." + name, "must be a string or a number");
                                json.skipChildren();
                                problem = "";
                            }
                        }
                    }
                }
                default -> json.skipChildren();
            }
        }
        if (!"Feature".equals(type)) {
            errors.add(where + ".type", "must be \"Feature\"");
            return;
        }
        if (problem != null) {
            if (!problem.isEmpty()) {
                errors.add(where, problem);
            }
            return;
        }
        if (point == null) {
            errors.add(where + ".geometry", geometryRead ? "must be a Point with [longitude, latitude]"
                    : "is missing: each address is a Point");
            return;
        }
        rows.accept(new AddressRow(where, false, point[0], point[1], properties.getOrDefault("number", ""),
                properties.getOrDefault("street", ""), properties.getOrDefault("unit", ""),
                properties.getOrDefault("city", ""), properties.getOrDefault("postcode", ""),
                properties.getOrDefault("id", ""), properties.getOrDefault("hash", "")));
    }

    /** [lon, lat] as written, or null when the geometry is not a Point of two numbers. */
    private static String[] point(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return null;
        }
        String type = null;
        String[] coordinates = null;
        boolean bad = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            JsonToken value = json.nextToken();
            if (key.equals("type")) {
                type = value == JsonToken.VALUE_STRING ? json.getText() : null;
            } else if (key.equals("coordinates") && value == JsonToken.START_ARRAY) {
                String[] read = new String[2];
                int n = 0;
                JsonToken t;
                while ((t = json.nextToken()) != JsonToken.END_ARRAY) {
                    if (!t.isNumeric() || n >= 3) {
                        bad = true;
                        json.skipChildren();
                    } else if (n < 2) {
                        read[n] = json.getText();
                    }
                    n++;
                }
                // A third number is an altitude, which RFC 7946 allows and an address does not need.
                coordinates = n == 2 || n == 3 ? read : null;
            } else {
                json.skipChildren();
            }
        }
        return "Point".equals(type) && !bad ? coordinates : null;
    }
}
