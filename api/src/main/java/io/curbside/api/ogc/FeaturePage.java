package io.curbside.api.ogc;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One page of a collection's items: the features, how many match in all (exactly, or an estimate where
 * counting would cost too much: {@code matchedExactly}, which decides whether the page says
 * {@code numberMatched} or only {@code numberMatchedEstimate}), and the cursors of the next page
 * (null on the last) and of the page before (null on the first).
 */
public record FeaturePage(List<Feature> features, long numberMatched, boolean matchedExactly,
                          @Nullable String nextCursor, @Nullable String prevCursor) {

    public FeaturePage {
        features = List.copyOf(features);
    }

    /** A page counted exactly, paged forward only. */
    public FeaturePage(List<Feature> features, long numberMatched, @Nullable String nextCursor) {
        this(features, numberMatched, true, nextCursor, null);
    }
}
