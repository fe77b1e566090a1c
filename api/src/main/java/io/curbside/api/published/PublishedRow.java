package io.curbside.api.published;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One live published request as {@code opendata.published_request} holds it, districts and photo URLs
 * as the stored JSON text. {@link PublishedForm} turns it into what an open route shows.
 */
public record PublishedRow(String trackingNumber, String serviceCode, String serviceName, @Nullable String department,
                           @Nullable String districtsJson, String status, @Nullable String statusDetail,
                           Instant receivedAt, Instant updatedAt, @Nullable Instant closedAt, @Nullable Instant expectedAt,
                           @Nullable Boolean onTime, @Nullable Integer meTooCount, @Nullable String channel,
                           @Nullable Double lon, @Nullable Double lat, @Nullable Integer locationPrecisionM,
                           @Nullable String description, @Nullable String photoUrlsJson, @Nullable String address) {
}
