package io.curbside.api.support;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Which web origins may call Curbside from a browser ({@code curbside.cors.*}).
 *
 * @param origins comma-separated origins ({@code https://app.example.org}) that may make every call,
 *                signed in too; {@code *} in the list lets any other origin make anonymous reads
 *                (GET, HEAD); empty: no other origin may call at all
 */
@ConfigurationProperties("curbside.cors")
public record CrossOriginSettings(@Nullable String origins) {
}
