package io.curbside.api.photos;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * What an uploaded photo may be and how its decoding and leftovers are kept in bounds, from the
 * {@code curbside.photos.*} properties. Where photos are kept is {@link PhotoStoreSettings};
 * {@code sweep-interval} is read by {@link PhotoSweeper}'s {@code @Scheduled}.
 *
 * @param maxBytes           the largest upload accepted, in bytes
 * @param maxPixels          the most pixels accepted, read from the header before decoding
 * @param concurrentDecodes  photos decoded at once on a node (decoding is memory-hungry)
 * @param orphanGraceSeconds how old the files of a request that never committed must be before they are deleted
 */
@ConfigurationProperties("curbside.photos")
public record PhotoSettings(long maxBytes, long maxPixels, int concurrentDecodes, long orphanGraceSeconds) {
}
