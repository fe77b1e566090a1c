package io.curbside.api.ogc;

import com.fasterxml.jackson.core.JsonGenerator;
import io.curbside.api.opendata.query.ItemsParameters;
import io.curbside.api.opendata.query.ItemsQuery;
import io.curbside.api.opendata.query.Queryables;
import io.curbside.api.published.PublishedForm;
import io.curbside.api.published.PublishedRequests;
import io.curbside.api.published.PublishedRow;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The published requests as the collection {@code service-requests}: each feature's id is its tracking
 * number, its properties the published fields and nothing else, its geometry the generalized point
 * (null where the policy withholds it). Reads only {@code opendata.published_request}, through the
 * open-data datasource; every parameter is read by one {@link ItemsParameters}.
 */
@Singleton
class PublishedRequestSource implements FilteredSource, FeatureSources {

    static final String ID = "service-requests";
    /**
     * The matches are counted exactly up to this many, when the planner expects at most {@link #COUNT_IF_EXPECTED};
     * past either, the page gives the planner's estimate (numberMatchedEstimate) and no numberMatched, which Part 1
     * allows only exact. Counting 100,000 on every page cost 100 ms a page on 5 M rows (script/bench opendata);
     * counting 1,000 costs about a millisecond, and an estimate a plan.
     */
    static final long EXACT_COUNT_BOUND = 1_000;
    static final long COUNT_IF_EXPECTED = 5_000;
    private static final Pattern FEATURE_ID = Pattern.compile("[A-Za-z0-9-]{1,40}");

    private final PublishedRequests repository;
    private final TransactionOperations<Connection> transactions;
    private final ItemsParameters parameters;
    private final PublishedForm form;

    PublishedRequestSource(PublishedRequests repository,
                           @Named("opendata") TransactionOperations<Connection> transactions,
                           ItemsParameters parameters, PublishedForm form) {
        this.repository = repository;
        this.transactions = transactions;
        this.parameters = parameters;
        this.form = form;
    }

    @Override
    public List<FeatureSource> current() {
        return List.of(this);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> languages() {
        return Set.of();
    }

    @Override
    public Queryables queryables() {
        return Queryables.PUBLISHED_REQUEST;
    }

    @Override
    public CollectionInfo describe(String language) {
        return new CollectionInfo("Service requests", "The city's 311 service requests as published: the tracking "
                + "number, service, department, districts, status and times, and a point generalized to a cell "
                + "(null where withheld). Nothing identifies a reporter.", null, null, null, true);
    }

    @Override
    public FeaturePage items(Map<String, List<String>> asked, String language) {
        ItemsQuery query = parameters.read(asked, Set.of());
        Map<String, List<String>> withoutCursor = new HashMap<>(asked);
        withoutCursor.remove("cursor");
        ItemsQuery all = parameters.read(withoutCursor, Set.of());
        return transactions.executeRead(status -> {
            List<PublishedRow> rows = new ArrayList<>(
                    repository.page(query.where(), query.orderBy(), query.limit() + 1));
            boolean more = rows.size() > query.limit();
            if (more) {
                rows = new ArrayList<>(rows.subList(0, query.limit()));
            }
            if (query.backwards()) {
                Collections.reverse(rows);
            }
            String next = null;
            String prev = null;
            if (!rows.isEmpty()) {
                PublishedRow first = rows.get(0);
                PublishedRow last = rows.get(rows.size() - 1);
                // Forward, a page after a cursor has one before it; backwards, the cursor's row comes after.
                if (query.backwards() ? more : query.cursor().isPresent()) {
                    prev = parameters.previous(first.receivedAt(), first.trackingNumber());
                }
                if (query.backwards() || more) {
                    next = parameters.next(last.receivedAt(), last.trackingNumber());
                }
            }
            List<Feature> features = rows.stream().map(this::feature).toList();
            if (query.cursor().isEmpty() && !more) {
                return new FeaturePage(features, rows.size(), true, next, prev); // every match is on this page
            }
            return matched(all, features, more, next, prev);
        });
    }

    /** A page whose matches go past it: counted when few, else estimated, and never fewer than are known to exist. */
    private FeaturePage matched(ItemsQuery all, List<Feature> features, boolean more, String next, String prev) {
        long known = features.size() + (more ? 1 : 0);
        long estimate = repository.estimate(all.forEstimate());
        if (estimate <= COUNT_IF_EXPECTED) {
            long counted = repository.countUpTo(all.where(), EXACT_COUNT_BOUND + 1);
            if (counted <= EXACT_COUNT_BOUND) {
                return new FeaturePage(features, counted, true, next, prev);
            }
            known = Math.max(known, counted);
        }
        return new FeaturePage(features, Math.max(known, estimate), false, next, prev);
    }

    @Override
    public Optional<Feature> item(String featureId, String language) {
        // Tracking numbers are letters, digits and dashes: anything else (a NUL the database
        // refuses, an overlong path) is no feature, answered 404 without a query.
        if (!FEATURE_ID.matcher(featureId).matches()) {
            return Optional.empty();
        }
        return transactions.executeRead(status -> repository.find(featureId)).map(this::feature);
    }

    private Feature feature(PublishedRow row) {
        return Feature.written(row.trackingNumber(), new Feature.Body() {
            @Override
            public Map<String, Object> geometry() {
                return form.geometry(row);
            }

            @Override
            public Map<String, Object> properties() {
                return form.properties(row);
            }

            @Override
            public void writeGeometry(JsonGenerator out) throws IOException {
                form.writeGeometry(out, row);
            }

            @Override
            public void writeProperties(JsonGenerator out) throws IOException {
                form.writeProperties(out, row);
            }
        });
    }
}
