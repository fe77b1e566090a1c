package io.curbside.api.ogc;

import java.util.List;

/**
 * The conformance classes Curbside implements, the one list {@code /ogc/conformance} declares. Add a
 * class here in the same change that implements it, never before.
 */
final class Conformance {

    private static final String PART1 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/";
    private static final String PART3 = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/";
    private static final String CQL2 = "http://www.opengis.net/spec/cql2/1.0/conf/";

    static final List<String> CLASSES = List.of(
            PART1 + "core",
            PART1 + "geojson",
            PART1 + "html",
            PART1 + "oas30",
            // Part 3 and CQL2, for the service-requests collection (FilteredSource, opendata.query).
            PART3 + "queryables",
            // Not "queryables-query-parameters": it asks for every queryable as a parameter, and only the five
            // property filters (service_code, status, district, department, channel) are; the others are for filter.
            PART3 + "filter",
            PART3 + "features-filter",
            CQL2 + "cql2-text",
            CQL2 + "basic-cql2",
            CQL2 + "advanced-comparison-operators",
            CQL2 + "basic-spatial-functions");

    private Conformance() {
    }
}
