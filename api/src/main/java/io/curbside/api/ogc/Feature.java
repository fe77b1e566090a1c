package io.curbside.api.ogc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One feature as GeoJSON wants it: an id, a geometry (GeoJSON object, CRS84) and flat properties. */
public record Feature(String id, Map<String, Object> geometry, Map<String, Object> properties) {

    public Feature {
        geometry = Collections.unmodifiableMap(new LinkedHashMap<>(geometry));
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
