package io.curbside.api.opendata;

import io.curbside.geo.LatLon;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
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
    private final TransactionOperations<Connection> openData;

    PublicRequests(PublicationRepository repository, PublishedNearbyRepository nearby, RequestProjector projector,
                   PublicationPolicy policy, @Named("opendata") TransactionOperations<Connection> openData) {
        this.repository = repository;
        this.nearby = nearby;
        this.projector = projector;
        this.policy = policy;
        this.openData = openData;
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
     * received since a moment, nearest first: in the caller's transaction, which sees its own and
     * just-committed changes (intake's duplicate check).
     */
    public List<PublicRequest> openNear(String serviceCode, LatLon point, double reachMetres, Instant since, int limit) {
        return nearby.hereNear(serviceCode, point, reachMetres, since, limit);
    }

    /** The same for a public search: read through the open-data datasource, in its own read transaction. */
    public List<PublicRequest> searchNear(String serviceCode, LatLon point, double reachMetres, Instant since, int limit) {
        return openData.executeRead(s -> nearby.publishedNear(serviceCode, point, reachMetres, since, limit));
    }
}
