package io.curbside.api.reports;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Which open requests are offered as a report's duplicates, from the {@code curbside.duplicates.*}
 * properties (routing's are {@code jurisdiction.RoutingSettings}).
 */
@ConfigurationProperties("curbside")
record ReportSettings(Duplicates duplicates) {

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
