package io.curbside.api.ogc;

import io.curbside.api.opendata.query.Queryables;

import java.util.List;
import java.util.Map;

/**
 * A collection that reads every items parameter itself, with {@code opendata.query.ItemsParameters}
 * (Part 1's bbox, datetime and limit, the property filters, Part 3's CQL2 filter, the signed cursor):
 * one parser for its items, instead of {@link OgcParameters} for some and the source for the rest. It
 * publishes its {@link Queryables} at {@code /collections/{id}/queryables}.
 */
public interface FilteredSource extends FeatureSource {

    /** The names a filter may use. */
    Queryables queryables();

    /**
     * The page of features the query parameters ask for, all of them as sent but {@code f} and
     * {@code api_key}; a name it does not take, or a value it cannot use, is a 400.
     */
    FeaturePage items(Map<String, List<String>> parameters, String language);

    /** Its items are never read through {@link OgcParameters}: the shell calls the other {@code items}. */
    @Override
    default FeaturePage items(ItemsQuery query, String language) {
        throw new UnsupportedOperationException(id() + " reads its own parameters: call items(Map, String)");
    }
}
