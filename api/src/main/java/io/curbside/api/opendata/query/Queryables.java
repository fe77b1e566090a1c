package io.curbside.api.opendata.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whitelist a filter may name: each queryable's public name, the SQL expression it stands for
 * (written by Curbside, never by the caller) and its type, which decides the comparisons it takes.
 */
public final class Queryables {

    /** What a queryable holds, and so which literals and operators a filter may use on it. */
    public enum Type {
        STRING, NUMBER, BOOLEAN, TIMESTAMP, GEOMETRY,
        /** A text[] column asked whether it holds a value: {@code district = 'D3'} is "in district D3". */
        STRING_ARRAY_CONTAINS
    }

    public record Queryable(String name, String sql, Type type, String description) {
    }

    /**
     * The published request ({@code opendata.published_request}), under the names of its GeoJSON
     * properties; the point is {@code geometry}, as OGC API clients expect. What is not here (the
     * jsonb districts and photos, the change xid, the withdrawal) cannot be filtered on.
     */
    public static final Queryables PUBLISHED_REQUEST = new Queryables(List.of(
            new Queryable("tracking_number", "tracking_number", Type.STRING, "the request's public id"),
            new Queryable("service_code", "service_code", Type.STRING, "the kind of request"),
            new Queryable("service_name", "service_name", Type.STRING, "the kind of request, by name"),
            new Queryable("department", "department", Type.STRING, "the department handling it"),
            new Queryable("district", "district_codes", Type.STRING_ARRAY_CONTAINS, "a district (of any layer) it lies in"),
            new Queryable("status", "status", Type.STRING, "where it is in its life: received, acknowledged, in_progress or closed"),
            new Queryable("status_detail", "status_detail", Type.STRING,
                    "why it was closed (fixed, no_action_needed, duplicate, not_city_responsibility, could_not_locate, referred); null while open"),
            new Queryable("received_at", "received_at", Type.TIMESTAMP, "when it was reported"),
            new Queryable("updated_at", "updated_at", Type.TIMESTAMP,
                    "when it last changed in public: a change nobody may see (a staff-only note, a claim) leaves it"),
            new Queryable("closed_at", "closed_at", Type.TIMESTAMP, "when it was closed"),
            new Queryable("expected_at", "expected_at", Type.TIMESTAMP, "when the city expects to have closed it"),
            new Queryable("on_time", "on_time", Type.BOOLEAN, "whether it was or is within the expected time"),
            new Queryable("me_too_count", "me_too_count", Type.NUMBER, "how many others reported the same"),
            new Queryable("channel", "channel", Type.STRING, "how it was reported"),
            new Queryable("location_precision_m", "location_precision_m", Type.NUMBER, "the size of the published location's cell"),
            new Queryable("description", "description", Type.STRING, "the scrubbed description, where published"),
            new Queryable("address", "address", Type.STRING, "the published address (a block, never a house number)"),
            new Queryable("geometry", "location", Type.GEOMETRY, "the generalized point")));

    private final Map<String, Queryable> byName = new LinkedHashMap<>();

    public Queryables(List<Queryable> queryables) {
        for (Queryable q : queryables) {
            if (q.sql().indexOf('?') >= 0) {
                throw new IllegalArgumentException("the SQL of " + q.name() + " holds a ?, which would count as a placeholder");
            }
            if (byName.put(q.name(), q) != null) {
                throw new IllegalArgumentException("two queryables named " + q.name());
            }
        }
    }

    public Optional<Queryable> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<Queryable> all() {
        return List.copyOf(byName.values());
    }

    /**
     * The queryables as OGC API – Features Part 3 publishes them ({@code /collections/{id}/queryables}):
     * a JSON Schema (2020-12) object whose properties are the names a filter may use, and no others.
     */
    public Map<String, Object> jsonSchema(String id, String title) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Queryable q : byName.values()) {
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("description", q.description());
            property.putAll(schemaType(q));
            properties.put(q.name(), property);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", id);
        schema.put("type", "object");
        schema.put("title", title);
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        return schema;
    }

    /** A queryable's JSON Schema type and format (Part 3's {@code geometry-point} for the point): the data dictionary's too. */
    public static Map<String, Object> schemaType(Queryable q) {
        Map<String, Object> type = new LinkedHashMap<>();
        switch (q.type()) {
            case STRING, STRING_ARRAY_CONTAINS -> type.put("type", "string");
            case NUMBER -> type.put("type", "number");
            case BOOLEAN -> type.put("type", "boolean");
            case TIMESTAMP -> {
                type.put("type", "string");
                type.put("format", "date-time");
            }
            case GEOMETRY -> type.put("format", "geometry-point");
        }
        return type;
    }
}
