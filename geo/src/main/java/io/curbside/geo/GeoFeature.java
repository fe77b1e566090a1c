package io.curbside.geo;

import org.locationtech.jts.geom.Geometry;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/** A GeoJSON Feature: an optional id, a geometry (SRID 4326) and its properties. */
public record GeoFeature(String id, Geometry geometry, Map<String, Object> properties) {

    public GeoFeature {
        Objects.requireNonNull(geometry, "geometry");
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(properties);
    }
}
