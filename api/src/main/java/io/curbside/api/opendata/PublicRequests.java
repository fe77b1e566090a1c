package io.curbside.api.opendata;

import io.curbside.geo.LatLon;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Requests in their public form, for every public path that is not an open-data route: built by the
 * one {@link RequestProjector} from the private row (the status page, the updates feed, e-mail and
 * webhooks, which must show a change in the transaction that makes it), or read from the published
 * dataset (nearby search).
 */
@Singleton
public class PublicRequests {

    private final PublicationRepository repository;
    private final PublishedNearbyRepository nearby;
    private final RequestProjector projector;
    private final PublicationPolicy policy;

    PublicRequests(PublicationRepository repository, PublishedNearbyRepository nearby, RequestProjector projector,
                   PublicationPolicy policy) {
        this.repository = repository;
        this.nearby = nearby;
        this.projector = projector;
        this.policy = policy;
    }

    /** The public view of these requests, by id, read in the caller's transaction; an unknown id is left out. */
    public Map<Long, PublicView> views(Collection<Long> ids) {
        Map<Long, PublicView> views = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            for (PrivateRequest r : repository.read(List.copyOf(ids))) {
                views.put(r.id(), new PublicView(r, projector.shown(r), policy));
            }
        }
        return views;
    }

    /** The public view of one request, read in the caller's transaction. */
    public Optional<PublicView> view(long id) {
        return Optional.ofNullable(views(List.of(id)).get(id));
    }

    /**
     * Open requests of a service whose published point lies within {@code reachMetres} of a point,
     * received since a moment, nearest first, in the caller's transaction: each as published.
     */
    public List<PublicRequest> openNear(String serviceCode, LatLon point, double reachMetres, Instant since, int limit) {
        return nearby.near(serviceCode, point, reachMetres, since, limit);
    }
}
