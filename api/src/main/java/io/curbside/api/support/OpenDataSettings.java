package io.curbside.api.support;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How the open-data routes are cached ({@code curbside.opendata-cache.*}).
 *
 * @param maxAge how long a browser or CDN may reuse an answer before it asks again (with its ETag)
 */
@ConfigurationProperties("curbside.opendata-cache")
public record OpenDataSettings(Duration maxAge) {
}
