package io.curbside.api.reports;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.opendata.PublicAnswers;
import io.curbside.api.opendata.PublicRequest;
import io.curbside.api.opendata.PublicRequests;
import io.curbside.api.opendata.PublicationPolicy;
import io.curbside.contract.model.NearbyRequest;
import io.curbside.geo.LatLon;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds open requests of a service near a point: for the app while the resident types, for
 * intake before it files, and for staff (the nearest is kept as the suspected duplicate).
 *
 * <p>What the public is shown is worked out from published points only: the published dataset's,
 * which the publisher re-projects in the same transaction as a policy change (a service made
 * sensitive, a new cell size), so a stale point is never listed, and the answer itself is built
 * by {@link PublicAnswers} from that public form. A list filtered or measured on the exact points would
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
    private final PublicRequests published;
    private final PublicationPolicy policy;
    private final PublicAnswers answers;
    private final TransactionOperations<Connection> transactions;
    private final int radiusMetres;
    private final int days;

    NearbyFinder(RequestRepository repository, PublicRequests published, PublicationPolicy policy,
                 PublicAnswers answers, TransactionOperations<Connection> transactions, ReportSettings settings) {
        this.repository = repository;
        this.published = published;
        this.policy = policy;
        this.answers = answers;
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
                 List<PublicRequest> candidates) {
    }

    /** Within the configured radius and window; call inside the caller's transaction. */
    Found around(Catalog.Service service, LatLon point, Instant now) {
        Instant since = now.minus(Duration.ofDays(days));
        return new Found(service, point, radiusMetres,
                repository.nearest(service.code(), point, radiusMetres, since),
                listed(service, point, radiusMetres, since));
    }

    /** A public search, in its own read transaction. */
    List<NearbyRequest> search(Catalog.Service service, LatLon point, int radius, int withinDays, String language,
                               Instant now) {
        Instant since = now.minus(Duration.ofDays(withinDays));
        List<PublicRequest> candidates = transactions.executeRead(s -> listed(service, point, radius, since));
        return publish(new Found(service, point, radius, Optional.empty(), candidates), language);
    }

    /** What the public may see of them: never the sensitive or withheld kinds; cell centres, measured from the cell. */
    List<NearbyRequest> publish(Found found, String language) {
        Catalog.Service service = found.service();
        if (!policy.listable(service.privacy())) {
            return List.of();
        }
        record Shown(PublicRequest request, double metres) {
        }
        String name = service.name().in(language);
        return found.candidates().stream()
                .filter(p -> p.latitude() != null)
                .map(p -> new Shown(p, found.point().metresTo(new LatLon(p.latitude(), p.longitude()))))
                .filter(l -> l.metres() <= found.radius() + CENTRE_SLACK * l.request().precisionMetres())
                .sorted(Comparator.comparingDouble(Shown::metres).thenComparing(l -> l.request().trackingNumber()))
                .limit(MAX_LISTED)
                .map(l -> answers.nearby(l.request(), name, roundedUp(l.metres())))
                .toList();
    }

    private List<PublicRequest> listed(Catalog.Service service, LatLon point, int radius, Instant since) {
        if (!policy.listable(service.privacy())) {
            return List.of();
        }
        // The database measures on the spheroid, publish() on the sphere: a little more reach covers the difference.
        double reach = (radius + CENTRE_SLACK * policy.listedCellMetres()) * 1.01 + 1;
        return published.openNear(service.code(), point, reach, since, MAX_CANDIDATES);
    }

    /** Distances are published to the next 10 m. */
    private static int roundedUp(double metres) {
        return (int) Math.max(10, Math.ceil(metres / 10) * 10);
    }
}
