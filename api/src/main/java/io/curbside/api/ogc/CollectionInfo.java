package io.curbside.api.ogc;

import io.curbside.geo.Bbox;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * What a collection says about itself: title, description, spatial extent (CRS84) and, for data
 * with time, its temporal extent (either end null when open).
 */
public record CollectionInfo(String title, String description, @Nullable Bbox bbox,
                             @Nullable Instant firstTime, @Nullable Instant lastTime, boolean temporal) {

    /** A collection without time: its features match every {@code datetime} (Part 1, /req/core/fc-time-response C). */
    public static CollectionInfo spatial(String title, String description, @Nullable Bbox bbox) {
        return new CollectionInfo(title, description, bbox, null, null, false);
    }
}
