package io.curbside.api.reports;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How a report is routed and which open requests are offered as its duplicates, from the
 * {@code curbside.routing.*} and {@code curbside.duplicates.*} properties.
 */
@ConfigurationProperties("curbside")
record ReportSettings(Routing routing, Duplicates duplicates) {

    /** Routing: the district layer ({@code district-layer}) whose district picks a request's department. */
    @ConfigurationProperties("routing")
    record Routing(String districtLayer) {
    }

    /**
     * Open requests of the same service this close and this recent are offered as duplicates.
     *
     * @param radiusMetres how close, by default
     * @param days         how recent, by default
     */
    @ConfigurationProperties("duplicates")
    record Duplicates(int radiusMetres, int days) {
    }
}
