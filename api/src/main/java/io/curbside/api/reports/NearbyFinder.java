package io.curbside.api.reports;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.opendata.PublicationPolicy;
import io.curbside.api.support.PublicUrls;
import io.curbside.contract.model.NearbyRequest;
import io.curbside.contract.model.ServiceRef;
import io.curbside.geo.LatLon;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Finds open requests of a service near a point: for the app while the resident types, for
 * intake before it files, and for staff (the nearest is kept as the suspected duplicate).
 */
@Singleton
class NearbyFinder {

    static final int MAX_LISTED = 20;

    private final RequestRepository repository;
    private final PublicationPolicy policy;
    private final PublicUrls urls;
    private final TransactionOperations<Connection> transactions;
    private final int radiusMetres;
    private final int days;

    NearbyFinder(RequestRepository repository, PublicationPolicy policy, PublicUrls urls,
                 TransactionOperations<Connection> transactions,
                 @Value("${curbside.duplicates.radius-metres:50}") int radiusMetres,
                 @Value("${curbside.duplicates.days:30}") int days) {
        this.repository = repository;
        this.policy = policy;
        this.urls = urls;
        this.transactions = transactions;
        this.radiusMetres = radiusMetres;
        this.days = days;
    }

    int defaultRadius() {
        return radiusMetres;
    }

    int defaultDays() {
        return days;
    }

    /** Within the configured radius and window; call inside the caller's transaction. */
    List<RequestRepository.Nearby> around(String serviceCode, LatLon point, Instant now, int limit) {
        return repository.nearby(serviceCode, point, radiusMetres, now.minus(Duration.ofDays(days)), limit);
    }

    /** What the public may see of them: never the sensitive or withheld kinds, and generalized places. */
    List<NearbyRequest> publish(Catalog.Service service, List<RequestRepository.Nearby> found, String language) {
        if (!policy.listable(service.privacy())) {
            return List.of();
        }
        return found.stream().map(n -> new NearbyRequest(n.trackingNumber(), urls.of("/v1/requests/" + n.trackingNumber()),
                        new ServiceRef(service.code(), service.name().in(language)), n.status(),
                        n.receivedAt().atZone(ZoneOffset.UTC), policy.location(n.location(), service.privacy()).orElseThrow(),
                        roundedUp(n.metres()), n.meToo()))
                .toList();
    }

    /** A public search, in its own read transaction. */
    List<NearbyRequest> search(Catalog.Service service, LatLon point, int radius, int withinDays, String language,
                               Instant now) {
        if (!policy.listable(service.privacy())) {
            return List.of();
        }
        List<RequestRepository.Nearby> found = transactions.executeRead(s -> repository.nearby(service.code(), point,
                radius, now.minus(Duration.ofDays(withinDays)), MAX_LISTED));
        return publish(service, found, language);
    }

    /** Distances are published to the next 10 m, so they do not pin down the exact point. */
    private static int roundedUp(double metres) {
        return (int) Math.max(10, Math.ceil(metres / 10) * 10);
    }
}
