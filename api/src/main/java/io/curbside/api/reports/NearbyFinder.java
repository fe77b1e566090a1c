package io.curbside.api.reports;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.opendata.PublicationPolicy;
import io.curbside.api.support.PublicUrls;
import io.curbside.contract.model.GeneralizedLocation;
import io.curbside.contract.model.NearbyRequest;
import io.curbside.contract.model.ServiceRef;
import io.curbside.geo.LatLon;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds open requests of a service near a point: for the app while the resident types, for
 * intake before it files, and for staff (the nearest is kept as the suspected duplicate).
 *
 * <p>What the public is shown is worked out from public locations only (the cell centres the
 * publication policy stored at filing). A list filtered or measured on the exact points would
 * let anyone find a request's exact place by moving the query point or the radius until it
 * drops out; so the public list holds every request whose cell centre lies within the radius
 * plus half a cell's diagonal (so nothing within the radius is missed), measured from that
 * centre. Only the suspected duplicate, which staff alone see, is found by the exact point.
 */
@Singleton
class NearbyFinder {

    static final int MAX_LISTED = 20;
    /** Candidates read in the database's order to choose the public list from, in this one's. */
    private static final int MAX_CANDIDATES = 100;
    /** Half a cell's diagonal, with room for cells slightly wider than tall: how far a point is from its centre. */
    private static final double CENTRE_SLACK = 0.75;

    private final RequestRepository repository;
    private final PublicationPolicy policy;
    private final PublicUrls urls;
    private final TransactionOperations<Connection> transactions;
    private final int radiusMetres;
    private final int days;

    NearbyFinder(RequestRepository repository, PublicationPolicy policy, PublicUrls urls,
                 TransactionOperations<Connection> transactions, ReportSettings settings) {
        this.repository = repository;
        this.policy = policy;
        this.urls = urls;
        this.transactions = transactions;
        this.radiusMetres = settings.duplicates().radiusMetres();
        this.days = settings.duplicates().days();
    }

    int defaultRadius() {
        return radiusMetres;
    }

    int defaultDays() {
        return days;
    }

    /** Open requests of a service around a point: the exact nearest one, for staff, and the public candidates. */
    record Found(Catalog.Service service, LatLon point, int radius, Optional<Long> nearest,
                 List<RequestRepository.Listed> candidates) {
    }

    /** Within the configured radius and window; call inside the caller's transaction. */
    Found around(Catalog.Service service, LatLon point, Instant now) {
        Instant since = now.minus(Duration.ofDays(days));
        return new Found(service, point, radiusMetres,
                repository.nearest(service.code(), point, radiusMetres, since), listed(service, point, radiusMetres, since));
    }

    /** A public search, in its own read transaction. */
    List<NearbyRequest> search(Catalog.Service service, LatLon point, int radius, int withinDays, String language,
                               Instant now) {
        Instant since = now.minus(Duration.ofDays(withinDays));
        List<RequestRepository.Listed> candidates = transactions.executeRead(s -> listed(service, point, radius, since));
        return publish(new Found(service, point, radius, Optional.empty(), candidates), language);
    }

    /** What the public may see of them: never the sensitive or withheld kinds; cell centres, measured from the cell. */
    List<NearbyRequest> publish(Found found, String language) {
        Catalog.Service service = found.service();
        if (!policy.listable(service.privacy())) {
            return List.of();
        }
        record Shown(RequestRepository.Listed request, GeneralizedLocation place, double metres) {
        }
        return found.candidates().stream()
                // The policy of today decides, whatever it was at filing: re-snapping a centre never sharpens it.
                .flatMap(l -> policy.location(l.publicLocation(), service.privacy()).stream()
                        .map(place -> new Shown(l, place, found.point().metresTo(new LatLon(place.getLat(), place.getLon())))))
                .filter(l -> l.metres() <= found.radius() + CENTRE_SLACK * l.place().getPrecisionM())
                .sorted(Comparator.comparingDouble(Shown::metres).thenComparing(l -> l.request().trackingNumber()))
                .limit(MAX_LISTED)
                .map(l -> new NearbyRequest(l.request().trackingNumber(),
                        urls.request(l.request().trackingNumber()),
                        new ServiceRef(service.code(), service.name().in(language)), l.request().status(),
                        l.request().receivedAt().atZone(ZoneOffset.UTC), l.place(), roundedUp(l.metres()),
                        l.request().meToo()))
                .toList();
    }

    private List<RequestRepository.Listed> listed(Catalog.Service service, LatLon point, int radius, Instant since) {
        if (!policy.listable(service.privacy())) {
            return List.of();
        }
        // The database measures on the spheroid, publish() on the sphere: a little more reach covers the difference.
        double reach = (radius + CENTRE_SLACK * policy.listedCellMetres()) * 1.01 + 1;
        return repository.listed(service.code(), point, reach, since, MAX_CANDIDATES);
    }

    /** Distances are published to the next 10 m. */
    private static int roundedUp(double metres) {
        return (int) Math.max(10, Math.ceil(metres / 10) * 10);
    }
}
