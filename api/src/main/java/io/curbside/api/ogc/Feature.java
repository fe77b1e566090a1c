package io.curbside.api.ogc;

import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One feature as GeoJSON wants it: an id, a geometry (GeoJSON object, CRS84; null where the location is
 * withheld) and flat properties. Either given as maps, or as a {@link Body} that writes them straight to
 * the JSON generator, which a page of GeoJSON uses (its maps are built only where asked for, the HTML view).
 */
public final class Feature {

    /** A feature's geometry and properties, as maps and written as JSON, the same in both. */
    public interface Body {

        @Nullable
        Map<String, Object> geometry();

        Map<String, Object> properties();

        /** {@link #geometry()} as JSON (null where there is none). */
        void writeGeometry(JsonGenerator out) throws IOException;

        /** {@link #properties()} as a JSON object. */
        void writeProperties(JsonGenerator out) throws IOException;
    }

    private final String id;
    @Nullable
    private final Map<String, Object> geometry;
    @Nullable
    private final Map<String, Object> properties;
    @Nullable
    private final Body body;

    public Feature(String id, @Nullable Map<String, Object> geometry, Map<String, Object> properties) {
        this.id = Objects.requireNonNull(id);
        this.geometry = geometry == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(geometry));
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.body = null;
    }

    private Feature(String id, Body body) {
        this.id = Objects.requireNonNull(id);
        this.geometry = null;
        this.properties = null;
        this.body = Objects.requireNonNull(body);
    }

    /** A feature that writes itself: its maps are built only if {@link #geometry()} or {@link #properties()} is asked. */
    public static Feature written(String id, Body body) {
        return new Feature(id, body);
    }

    public String id() {
        return id;
    }

    @Nullable
    public Map<String, Object> geometry() {
        if (body == null) {
            return geometry;
        }
        Map<String, Object> built = body.geometry();
        return built == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(built));
    }

    public Map<String, Object> properties() {
        return body == null ? properties : Collections.unmodifiableMap(new LinkedHashMap<>(body.properties()));
    }

    /** How it writes itself, or null for a feature given as maps. */
    @Nullable
    Body body() {
        return body;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Feature that && id.equals(that.id) && Objects.equals(geometry(), that.geometry())
                && properties().equals(that.properties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, geometry(), properties());
    }

    @Override
    public String toString() {
        return "Feature[id=" + id + ", geometry=" + geometry() + ", properties=" + properties() + "]";
    }
}
