package io.curbside.api.ogc;

import io.curbside.api.opendata.query.ItemsParameters;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.support.PageCursor;
import io.curbside.api.support.PlainText;
import io.curbside.geo.Bbox;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The query parameters of the {@code /ogc} routes, read as Part 1 asks: a parameter the API definition
 * does not declare is a 400 (/req/core/query-param-unknown), and so is a declared one with a value its
 * schema does not allow (/req/core/query-param-invalid). Each takes one value.
 */
final class OgcParameters {

    /**
     * What every route takes: the format, and an API key for clients that cannot send X-Api-Key (it is
     * read by the API key filter, and never copied into links: answers are cached publicly).
     */
    static final Set<String> ANY_ROUTE = Set.of("f", "api_key");
    /** What the items route takes (Part 1: bbox, datetime, limit; the cursor of a next link). */
    static final Set<String> ITEMS = Set.of("f", "api_key", "bbox", "datetime", "limit", "cursor");

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    private OgcParameters() {
    }

    /** The format asked for, after refusing parameters the route does not take. */
    static OgcFormat format(HttpRequest<?> request, Set<String> accepted) {
        for (String name : request.getParameters().names()) {
            if (!accepted.contains(name)) {
                throw ProblemException.invalidParameter(name, "is not a parameter of this resource; it takes "
                        + String.join(", ", new TreeSet<>(accepted)));
            }
        }
        String f = single(request, "f");
        if (f == null) {
            return OgcFormat.negotiate(request.getHeaders().get(HttpHeaders.ACCEPT));
        }
        return OgcFormat.named(f).orElseThrow(() -> ProblemException.invalidParameter("f", "must be json or html"));
    }

    /** The parameters of a collection's items: Part 1's and the collection's own. */
    static Set<String> items(FeatureSource source) {
        Set<String> all = new TreeSet<>(ITEMS);
        all.addAll(source.parameters());
        return all;
    }

    /** The items query, each of Part 1's parameters checked; the collection's own are its to check. */
    static ItemsQuery items(HttpRequest<?> request, FeatureSource source) {
        Map<String, String> more = new TreeMap<>();
        for (String name : source.parameters()) {
            String value = single(request, name);
            if (value != null) {
                more.put(name, value);
            }
        }
        return new ItemsQuery(bbox(single(request, "bbox")), datetime(single(request, "datetime")),
                limit(single(request, "limit")), PageCursor.parse(single(request, "cursor")), more);
    }

    /** The parameters a page's links repeat, in a fixed order: the same query always has the same links. */
    static Map<String, String> keptInLinks(ItemsQuery query, HttpRequest<?> request) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : List.of("bbox", "datetime", "limit")) {
            request.getParameters().getFirst(name).ifPresent(value -> kept.put(name, value));
        }
        kept.putAll(query.more());
        return kept;
    }

    @Nullable
    private static Bbox bbox(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Bbox.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("bbox", e.getMessage());
        }
    }

    @Nullable
    private static TimeInterval datetime(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return TimeInterval.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("datetime", e.getMessage());
        }
    }

    private static int limit(@Nullable String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        return ItemsParameters.limit(text, MAX_LIMIT);
    }

    /** The parameter's one value, null when absent; 400 when given twice or not plain text. */
    @Nullable
    private static String single(HttpRequest<?> request, String name) {
        List<String> values = request.getParameters().getAll(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ProblemException.invalidParameter(name, "is given " + values.size() + " times; it takes one value");
        }
        String problem = PlainText.problem(values.get(0));
        if (problem != null) {
            throw ProblemException.invalidParameter(name, problem);
        }
        return values.get(0);
    }
}
