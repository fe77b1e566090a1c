package io.curbside.api.ogc;

import java.util.List;

/**
 * The conformance classes Curbside implements, the one list {@code /ogc/conformance} declares. Add a
 * class here in the same change that implements it (Part 3's filter, features-filter, basic-cql2 come
 * with the CQL2 filter of the service-requests collection), never before.
 */
final class Conformance {

    private static final String PART1 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/";

    static final List<String> CLASSES = List.of(
            PART1 + "core",
            PART1 + "geojson",
            PART1 + "html",
            PART1 + "oas30");

    private Conformance() {
    }
}
