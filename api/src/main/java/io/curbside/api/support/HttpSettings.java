package io.curbside.api.support;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * How Curbside meets the web in front of it, from top-level {@code curbside.*} properties.
 *
 * @param publicUrl                  the base of the links in answers; empty: the host the client called
 * @param trustedProxies             comma-separated addresses or CIDR blocks of the proxies whose
 *                                   X-Forwarded-For names the client and whose Forwarded /
 *                                   X-Forwarded-Host, -Proto, -Port name the host called; empty: none
 * @param jurisdictionUploadMaxBytes the largest GeoJSON an admin may upload, checked on its Content-Length
 */
@ConfigurationProperties("curbside")
public record HttpSettings(@Nullable String publicUrl, @Nullable String trustedProxies, long jurisdictionUploadMaxBytes) {
}
