package io.curbside.api.opendata.query;

import io.curbside.geo.Bbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the query parameters of an OGC API – Features items request ({@code bbox}, {@code bbox-crs},
 * {@code datetime}, {@code limit}, the property filters, {@code filter}/{@code filter-lang}/{@code
 * filter-crs} of Part 3, and {@code cursor}) into one {@link ItemsQuery}. Every condition goes through
 * the same {@link FilterTranslator}, so a property filter, the bbox and a CQL2 filter are one
 * mechanism. Items are sorted by {@code received_at} then tracking number, the key the cursor pages on.
 */
public final class ItemsParameters {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;
    public static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    /** The property filters of the items route; each takes one or more comma-separated values. */
    public static final List<String> PROPERTY_FILTERS = List.of("service_code", "status", "district", "department", "channel");
    public static final int MAX_VALUES_PER_PROPERTY = 100;

    static final String TIME = "received_at";
    static final String ID = "tracking_number";
    static final String GEOMETRY = "geometry";
    private static final Set<String> OWN = Set.of("bbox", "bbox-crs", "datetime", "limit", "filter", "filter-lang",
            "filter-crs", "cursor");

    private final FilterTranslator translator;
    private final FilterTranslator estimator;
    private final PageCursors cursors;
    private final String time;
    private final String id;

    /** {@code queryables} must name {@value #TIME}, {@value #ID}, {@value #GEOMETRY} and the property filters. */
    public ItemsParameters(Queryables queryables, PageCursors cursors) {
        this.translator = new FilterTranslator(queryables);
        this.estimator = FilterTranslator.forEstimates(queryables);
        this.cursors = cursors;
        for (String name : concat(List.of(TIME, ID, GEOMETRY), PROPERTY_FILTERS)) {
            if (queryables.find(name).isEmpty()) {
                throw new IllegalArgumentException("the items parameters need the queryable " + name);
            }
        }
        this.time = queryables.find(TIME).orElseThrow().sql();
        this.id = queryables.find(ID).orElseThrow().sql();
    }

    /**
     * The query for these parameters. {@code routeParameters} are the other names the route itself
     * answers to (such as {@code f}); any other name is refused, as Part 1 requires
     * (/req/core/query-param-unknown), so a misspelt filter never silently returns everything.
     */
    public ItemsQuery read(Map<String, List<String>> parameters, Set<String> routeParameters) {
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(OWN);
        unknown.removeAll(PROPERTY_FILTERS);
        unknown.removeAll(routeParameters);
        if (!unknown.isEmpty()) {
            String name = unknown.iterator().next();
            throw QueryProblems.parameter(name, "is not a parameter of this collection's items; they are "
                    + String.join(", ", concat(List.copyOf(new TreeSet<>(OWN)), PROPERTY_FILTERS)));
        }
        checkCrs("bbox-crs", one(parameters, "bbox-crs"));
        checkFilterLanguage(one(parameters, "filter-lang"), one(parameters, "filter-crs"));
        List<Filter> conditions = new ArrayList<>();
        one(parameters, "bbox").ifPresent(bbox -> conditions.add(bbox(bbox)));
        one(parameters, "datetime").ifPresent(datetime -> conditions.add(Datetimes.parse(datetime, TIME)));
        for (String property : PROPERTY_FILTERS) {
            one(parameters, property).ifPresent(values -> conditions.add(anyOf(property, values)));
        }
        one(parameters, "filter").ifPresent(text -> conditions.add(Cql2Parser.parse(text)));
        List<SqlFragment> where = new ArrayList<>();
        List<SqlFragment> forEstimate = new ArrayList<>();
        for (Filter condition : conditions) {
            where.add(translator.translate(condition));
            forEstimate.add(estimator.translate(condition));
        }
        Optional<PageCursor> cursor = one(parameters, "cursor").map(cursors::open);
        cursor.ifPresent(c -> {
            SqlFragment after = new SqlFragment("(" + time + ", " + id + ") "
                    + (c.direction() == PageCursor.Direction.AFTER ? ">" : "<") + " (?, ?)",
                    new SqlValue.Timestamp(c.receivedAt()), new SqlValue.Text(c.trackingNumber()));
            where.add(after);
            forEstimate.add(after);
        });
        boolean backwards = cursor.map(c -> c.direction() == PageCursor.Direction.BEFORE).orElse(false);
        String orderBy = backwards ? time + " DESC, " + id + " DESC" : time + ", " + id;
        return new ItemsQuery(SqlFragment.and(where), orderBy, limit(one(parameters, "limit")), cursor,
                SqlFragment.and(forEstimate));
    }

    /** The token of the link to the page after the row with this key (the last row shown). */
    public String next(Instant receivedAt, String trackingNumber) {
        return cursors.seal(new PageCursor(PageCursor.Direction.AFTER, receivedAt, trackingNumber));
    }

    /** The token of the link to the page before the row with this key (the first row shown). */
    public String previous(Instant receivedAt, String trackingNumber) {
        return cursors.seal(new PageCursor(PageCursor.Direction.BEFORE, receivedAt, trackingNumber));
    }

    private static Filter bbox(String text) {
        if (text.split(",", -1).length == 6) {
            throw QueryProblems.parameter("bbox", "has six values, but heights are not supported: give four, "
                    + "minLon,minLat,maxLon,maxLat");
        }
        try {
            return new Filter.Intersects(GEOMETRY, new Filter.Envelope(Bbox.parse(text)));
        } catch (IllegalArgumentException e) {
            throw QueryProblems.parameter("bbox", "cannot be used: " + e.getMessage());
        }
    }

    private static Filter anyOf(String property, String text) {
        List<String> values = Arrays.asList(text.split(",", -1));
        if (values.size() > MAX_VALUES_PER_PROPERTY) {
            throw QueryProblems.parameter(property, "takes at most " + MAX_VALUES_PER_PROPERTY + " values");
        }
        if (values.stream().anyMatch(String::isBlank)) {
            throw QueryProblems.parameter(property, "takes one or more values separated by commas, none of them empty");
        }
        // PostgreSQL text cannot hold NUL: refused here, or the database would answer with an error.
        if (values.stream().anyMatch(v -> v.length() > 200 || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw QueryProblems.parameter(property, "takes values of at most 200 characters, without control characters");
        }
        return new Filter.In(property, values.stream().map(v -> (Filter.Literal) new Filter.Text(v.strip())).toList(), false);
    }

    private static void checkFilterLanguage(Optional<String> language, Optional<String> crs) {
        if (language.isPresent() && !language.get().equals("cql2-text")) {
            throw QueryProblems.parameter("filter-lang", language.get().equals("cql2-json")
                    ? "cql2-json is not supported: write the filter in cql2-text"
                    : "can only be cql2-text");
        }
        checkCrs("filter-crs", crs);
    }

    /** Checked even without the bbox or filter it is for: a request that names another CRS expects it honoured. */
    private static void checkCrs(String parameter, Optional<String> crs) {
        if (crs.isPresent() && !crs.get().equals(CRS84)) {
            throw QueryProblems.parameter(parameter, "can only be " + CRS84 + " (longitude, latitude in WGS 84)");
        }
    }

    private static int limit(Optional<String> text) {
        return text.map(value -> limit(value, MAX_LIMIT)).orElse(DEFAULT_LIMIT);
    }

    /**
     * A {@code limit} of an OGC API collection. Above the maximum is not an error: OGC API – Features Part 1
     * (17-069r4, /req/core/fc-limit-response-1 C) says to use the maximum instead. Below 1 (any number of zeros
     * too) or not a whole number is.
     */
    public static int limit(String value, int max) {
        if (!value.matches("\\d{1,30}") || value.matches("0+")) {
            throw QueryProblems.parameter("limit", "is a whole number from 1 to " + max);
        }
        String digits = value.replaceFirst("^0+", "");
        return digits.length() > 9 ? max : Math.min(Integer.parseInt(digits), max);
    }

    /** A parameter's one value; given twice, it is refused rather than one of the two picked. */
    private static Optional<String> one(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw QueryProblems.parameter(name, "is given " + values.size() + " times; give it once"
                    + (PROPERTY_FILTERS.contains(name) ? ", with the values separated by commas" : ""));
        }
        return Optional.of(values.get(0));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
