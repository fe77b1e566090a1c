package io.curbside.api.catalog;

import io.curbside.contract.model.ServiceVersionAction;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The history of every service (service_history, V10): each change is a new version holding the
 * whole definition. Every way a service changes (file import, admin) records here, in the change's
 * own transaction and under the catalog's import lock.
 */
@Singleton
class ServiceHistoryRepository {

    private final JdbcOperations jdbc;
    private final StoredServiceRepository services;
    private final ObjectMapper json;

    ServiceHistoryRepository(JdbcOperations jdbc, StoredServiceRepository services, ObjectMapper json) {
        this.jdbc = jdbc;
        this.services = services;
        this.json = json;
    }

    /** One version as stored; {@code definition} is the JSON text of the service entry. */
    record Version(String code, int version, ServiceVersionAction action, boolean active, String definition,
                   UUID actor, Instant at) {
    }

    /**
     * Records the stored definition of every service that has no history yet (a database filled
     * before history was kept) as its first version, so no change is ever made without the
     * version before it. Cheap when there is none; call before changing any service.
     */
    void baselineMissing() {
        boolean missing = jdbc.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM service s
                               WHERE NOT EXISTS (SELECT 1 FROM service_history h WHERE h.service_code = s.code))""",
                ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getBoolean(1);
                    }
                });
        if (!missing) {
            return;
        }
        for (StoredServiceRepository.Stored stored : services.read(false, null)) {
            if (latest(stored.service().code()) == null) {
                record(stored.service().code(), ServiceVersionAction.BASELINE, CatalogEntry.write(stored.service()), null);
            }
        }
    }

    /**
     * Records the service as it now stands (its active flag, and this definition, or with null the
     * latest version's) as a new version; the service's own version goes up with it, except for
     * its first one. Returns the version number.
     */
    int record(String code, ServiceVersionAction action, Map<String, Object> definition, UUID actor) {
        String text = definition == null ? null : write(definition);
        return jdbc.prepareStatement("""
                WITH earlier AS (SELECT EXISTS (SELECT 1 FROM service_history WHERE service_code = ?) AS has_history),
                bumped AS (
                    UPDATE service SET version = version + CASE WHEN earlier.has_history THEN 1 ELSE 0 END,
                        updated_at = CASE WHEN earlier.has_history THEN now() ELSE updated_at END
                    FROM earlier WHERE code = ? RETURNING code, version, active)
                INSERT INTO service_history (service_code, version, action, active, definition, actor_id)
                SELECT code, version, ?, active,
                       coalesce(?::jsonb, (SELECT definition FROM service_history WHERE service_code = ?
                                           ORDER BY version DESC LIMIT 1)),
                       ?
                FROM bumped RETURNING version""", ps -> {
            ps.setString(1, code);
            ps.setString(2, code);
            ps.setString(3, action.getValue());
            ps.setString(4, text);
            ps.setString(5, code);
            ps.setObject(6, actor);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no service " + code + " to record a version of");
                }
                return rs.getInt(1);
            }
        });
    }

    /** Whether the latest version is active with this very definition: a file import then makes no new one. */
    boolean unchanged(String code, Map<String, Object> definition) {
        String text = write(definition);
        return jdbc.prepareStatement("""
                SELECT active AND definition = ?::jsonb FROM service_history WHERE service_code = ?
                ORDER BY version DESC LIMIT 1""", ps -> {
            ps.setString(1, text);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    /** Versions older than {@code before} (all when null), newest first; at most {@code limit}. */
    List<Version> page(String code, Integer before, int limit) {
        return jdbc.prepareStatement("""
                SELECT service_code, version, action, active, definition::text, actor_id, at FROM service_history
                WHERE service_code = ? AND version < ? ORDER BY version DESC LIMIT ?""", ps -> {
            ps.setString(1, code);
            ps.setInt(2, before == null ? Integer.MAX_VALUE : before);
            ps.setInt(3, limit);
            List<Version> versions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(new Version(rs.getString(1), rs.getInt(2), ServiceVersionAction.fromValue(rs.getString(3)),
                            rs.getBoolean(4), rs.getString(5), rs.getObject(6, UUID.class),
                            rs.getTimestamp(7).toInstant()));
                }
            }
            return versions;
        });
    }

    private Version latest(String code) {
        List<Version> latest = page(code, null, 1);
        return latest.isEmpty() ? null : latest.get(0);
    }

    private String write(Map<String, Object> definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
