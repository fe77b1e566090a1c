package io.curbside.api.ogc;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One collection of OGC API – Features: what it is, its items by query, one item by id. Each kind of
 * public data (a district layer, the published requests) implements it once; the HTTP shell, links,
 * paging links and formats are the same for all.
 */
public interface FeatureSource {

    /** The collection's id in URLs ({@code /ogc/collections/{id}}). */
    String id();

    /** The languages its titles and properties are offered in. */
    Set<String> languages();

    /**
     * The items query parameters it takes beyond Part 1's (property filters, {@code filter}): each
     * arrives in {@link ItemsQuery#more()}, is repeated in the page's links, and must be declared in
     * the contract's items operation. None by default.
     */
    default Set<String> parameters() {
        return Set.of();
    }

    /** When its data last changed, where that is known: the collection's answers say it in Last-Modified. */
    default Optional<Instant> lastModified() {
        return Optional.empty();
    }

    /** Its title, description and extent, in the language. */
    CollectionInfo describe(String language);

    /** The features matching the query, in a stable order, one page of them. */
    FeaturePage items(ItemsQuery query, String language);

    /** One feature by its id, if it exists. */
    Optional<Feature> item(String featureId, String language);
}
