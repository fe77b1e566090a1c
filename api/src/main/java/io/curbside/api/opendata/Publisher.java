package io.curbside.api.opendata;

import io.curbside.geo.LatLon;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps the published dataset in step with the private one, inside the caller's transaction.
 * A trigger lists every request a transaction changes ({@code publication_due}, V16); each
 * service that changes requests calls {@link #publishDue()} before its transaction commits, so
 * the public row changes in the same commit as the private one. Whatever no caller published
 * (a hand edit in SQL) the {@link Republisher} sweeps up.
 */
@Singleton
public class Publisher {

    /** Requests projected per round trip: a service's privacy change re-projects all of its requests. */
    static final int BATCH = 500;

    private final PublicationRepository repository;
    private final RequestProjector projector;

    Publisher(PublicationRepository repository, RequestProjector projector) {
        this.repository = repository;
        this.projector = projector;
    }

    /** Publishes every request changed in the current transaction. Call it last, inside the transaction. */
    public void publishDue() {
        drain(repository::dueHere);
    }

    /**
     * Publishes what other transactions left unpublished; the number published. Only requests it
     * can lock: one that another transaction is changing is published by that one, or left due.
     */
    int publishLeftOvers() {
        int total = 0;
        long after = 0;
        for (List<Long> due = repository.leftOverAfter(after, BATCH); !due.isEmpty();
             due = repository.leftOverAfter(after, BATCH)) {
            List<Long> locked = repository.lock(due);
            publish(locked);
            total += locked.size();
            after = due.get(due.size() - 1);
        }
        return total;
    }

    /**
     * Re-projects these requests, whether or not anything marked them due, and takes them off the
     * queue. The caller holds their rows locked (it changed them, or locked them), so what it reads
     * is the last committed state and no queued change of theirs is another transaction's.
     */
    void publish(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<PrivateRequest> read = repository.read(ids);
        Map<Long, LatLon> points = new HashMap<>();
        for (PrivateRequest r : read) {
            points.put(r.id(), projector.project(r).filter(p -> p.latitude() != null)
                    .map(p -> new LatLon(p.latitude(), p.longitude())).orElse(null));
        }
        // Bringing the stored point onto the current grid changes the private row (its updated_at):
        // those are read again, so the published row says the same.
        Map<Long, LatLon> moved = new HashMap<>();
        read.stream().filter(r -> !same(r.storedPublicPoint(), points.get(r.id())))
                .forEach(r -> moved.put(r.id(), points.get(r.id())));
        if (!moved.isEmpty()) {
            List<Long> changed = repository.movePublicPoints(moved);
            if (!changed.isEmpty()) {
                List<PrivateRequest> again = new ArrayList<>(read.stream().filter(r -> !changed.contains(r.id())).toList());
                again.addAll(repository.read(changed));
                read = again;
            }
        }
        List<PublicRequest> published = new ArrayList<>();
        List<String> withdrawn = new ArrayList<>();
        for (PrivateRequest r : read) {
            Optional<PublicRequest> p = projector.project(r);
            if (p.isPresent()) {
                published.add(p.get());
            } else {
                withdrawn.add(r.trackingNumber());
            }
        }
        if (!published.isEmpty()) {
            repository.upsert(published);
        }
        if (!withdrawn.isEmpty()) {
            repository.withdraw(withdrawn);
        }
        repository.done(ids);
    }

    private int drain(Function<Integer, List<Long>> due) {
        int total = 0;
        for (List<Long> ids = due.apply(BATCH); !ids.isEmpty(); ids = due.apply(BATCH)) {
            publish(ids);
            total += ids.size();
        }
        return total;
    }

    private static boolean same(LatLon stored, LatLon now) {
        if (stored == null || now == null) {
            return stored == now;
        }
        // The stored point went through geography and back: equal to well under a millimetre.
        return Math.abs(stored.lat() - now.lat()) < 1e-9 && Math.abs(stored.lon() - now.lon()) < 1e-9;
    }
}
