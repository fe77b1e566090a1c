package io.curbside.api.ogc;

import io.curbside.api.support.PageCursor;
import io.curbside.geo.Bbox;
import io.micronaut.core.annotation.Nullable;

/**
 * What a client asked of a collection's items: the area ({@code bbox}, CRS84), the time
 * ({@code datetime}), the page size ({@code limit}) and where the page starts (the {@code cursor} of
 * a {@code next} link).
 */
public record ItemsQuery(@Nullable Bbox bbox, @Nullable TimeInterval datetime, int limit,
                         @Nullable PageCursor cursor) {
}
