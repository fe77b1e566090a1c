package io.curbside.api.ogc;

import io.curbside.api.support.PageCursor;
import io.curbside.geo.Bbox;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * What a client asked of a collection's items: the area ({@code bbox}, CRS84), the time
 * ({@code datetime}), the page size ({@code limit}), where the page starts (the {@code cursor} of
 * a {@code next} link), and the values of the collection's own parameters
 * ({@link FeatureSource#parameters()}), each as sent, for the source to read.
 */
public record ItemsQuery(@Nullable Bbox bbox, @Nullable TimeInterval datetime, int limit,
                         @Nullable PageCursor cursor, Map<String, String> more) {

    public ItemsQuery {
        more = Map.copyOf(more);
    }
}
