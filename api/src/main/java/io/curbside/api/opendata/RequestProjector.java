package io.curbside.api.opendata;

import io.curbside.api.support.PublicUrls;
import io.curbside.contract.model.GeneralizedLocation;
import io.curbside.contract.model.PhotoSize;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The one projector: a stored request's public form, decided field by field by
 * {@link PublicationPolicy}. Everything public is built from what this returns.
 */
@Singleton
class RequestProjector {

    private final PublicationPolicy policy;
    private final PublicUrls urls;

    RequestProjector(PublicationPolicy policy, PublicUrls urls) {
        this.policy = policy;
        this.urls = urls;
    }

    /** The public form, or empty when the request may not be public at all (its class is withheld). */
    Optional<PublicRequest> project(PrivateRequest r) {
        return policy.published(r.privacy()) ? Optional.of(shown(r)) : Optional.empty();
    }

    /**
     * The public form whatever the class, for the few who hold the tracking number of a withheld
     * request (its status page, its followers): the policy shows such a request no place and no text.
     */
    PublicRequest shown(PrivateRequest r) {
        Optional<GeneralizedLocation> location = policy.location(r.location(), r.privacy());
        String description = policy.description(r.description(), r.privacy(), r.contactName(), r.reporterErased())
                .orElse(null);
        Boolean onTime = r.closedAt() == null ? null : !r.closedAt().isAfter(r.expectedAt());
        List<String> photos = r.publicPhotoIds().stream()
                .map(id -> urls.publishedPhoto(r.trackingNumber(), id, PhotoSize.DISPLAY.getValue())).toList();
        return new PublicRequest(r.trackingNumber(), r.serviceCode(), r.serviceName(), r.departmentCode(),
                r.districts(), r.status(), r.closeReason(),
                policy.time(r.receivedAt(), r.privacy(), r.cityZone()), policy.time(r.updatedAt(), r.privacy(), r.cityZone()),
                policy.time(r.closedAt(), r.privacy(), r.cityZone()), policy.time(r.expectedAt(), r.privacy(), r.cityZone()),
                onTime, meToo(r), r.channel(),
                location.map(GeneralizedLocation::getLat).orElse(null), location.map(GeneralizedLocation::getLon).orElse(null),
                location.map(GeneralizedLocation::getPrecisionM).orElse(null), description, photos,
                policy.datesOnly(r.privacy()));
    }

    /** None for a class that publishes dates only: the count going up would tell the minute a resident acted. */
    private Integer meToo(PrivateRequest r) {
        return policy.datesOnly(r.privacy()) ? null : r.meTooCount();
    }
}
