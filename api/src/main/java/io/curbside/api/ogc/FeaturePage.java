package io.curbside.api.ogc;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One page of a collection's items: the features, how many match in all, and the cursor of the next
 * page (null on the last).
 */
public record FeaturePage(List<Feature> features, long numberMatched, @Nullable String nextCursor) {

    public FeaturePage {
        features = List.copyOf(features);
    }
}
