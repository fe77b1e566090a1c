package io.curbside.api.jurisdiction;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Routing, from {@code curbside.routing.*}: the district layer ({@code district-layer}) whose
 * district picks a request's department. Here, not in {@code reports}, because a jurisdiction file
 * without that layer is refused when it is loaded, and intake reads it too.
 */
@ConfigurationProperties("curbside.routing")
public record RoutingSettings(String districtLayer) {
}
