package io.curbside.api.ogc;

import io.micronaut.core.annotation.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One feature as GeoJSON wants it: an id, a geometry (GeoJSON object, CRS84; null where the location is
 * withheld) and flat properties.
 */
public record Feature(String id, @Nullable Map<String, Object> geometry, Map<String, Object> properties) {

    public Feature {
        geometry = geometry == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(geometry));
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
