package io.curbside.api.opendata;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How coarsely public locations are generalized, from the {@code curbside.publication.*} properties.
 *
 * @param cellMetres          the cell public locations of ordinary services are snapped to
 * @param sensitiveCellMetres the cell for services of the sensitive privacy class
 */
@ConfigurationProperties("curbside.publication")
public record PublicationSettings(double cellMetres, double sensitiveCellMetres) {
}
