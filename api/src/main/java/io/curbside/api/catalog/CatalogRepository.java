package io.curbside.api.catalog;

import io.curbside.api.store.DataVersionRepository;
import io.curbside.api.support.DataStoreException;
import io.curbside.api.support.JsonTexts;
import io.curbside.contract.model.ServiceVersionAction;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The catalog's SQL. Callers hold the transaction. */
@Singleton
public class CatalogRepository {

    private final JdbcOperations jdbc;
    private final JsonTexts texts;
    private final DataVersionRepository versions;
    private final StoredServiceRepository services;
    private final ServiceHistoryRepository history;

    CatalogRepository(JdbcOperations jdbc, JsonTexts texts, DataVersionRepository versions, StoredServiceRepository services,
                      ServiceHistoryRepository history) {
        this.jdbc = jdbc;
        this.texts = texts;
        this.versions = versions;
        this.services = services;
        this.history = history;
    }

    /**
     * Writes the catalog: upserts its departments, groups and services, replaces the questions
     * of those services, and retires services the file no longer has (requests refer to them).
     * Each service that changed gets a new version in its history, with no actor. The caller
     * holds the catalog's import lock.
     */
    public void save(Catalog catalog, String source, String sha256) {
        history.baselineMissing();
        Connection c = jdbc.getConnection();
        try {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO department (code, name) VALUES (?, ?::jsonb)
                    ON CONFLICT (code) DO UPDATE SET name = excluded.name, updated_at = now()""")) {
                for (Catalog.Department d : catalog.departments()) {
                    ps.setString(1, d.code());
                    ps.setString(2, texts.write(d.name()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO service_group (code, name, sort_order) VALUES (?, ?::jsonb, ?)
                    ON CONFLICT (code) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order,
                        updated_at = now()""")) {
                for (Catalog.Group g : catalog.groups()) {
                    ps.setString(1, g.code());
                    ps.setString(2, texts.write(g.name()));
                    ps.setInt(3, g.order());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            services.write(catalog.services(), true);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO business_calendar (timezone, holidays) VALUES (?, ?)
                    ON CONFLICT (singleton) DO UPDATE SET timezone = excluded.timezone, holidays = excluded.holidays""")) {
                ps.setString(1, catalog.calendar().zone().getId());
                ps.setArray(2, c.createArrayOf("date",
                        catalog.calendar().holidays().stream().map(Date::valueOf).toArray()));
                ps.executeUpdate();
            }
            List<String> retired = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE service SET active = false, updated_at = now() WHERE active AND NOT (code = ANY (?))
                    RETURNING code""")) {
                ps.setArray(1, c.createArrayOf("text",
                        catalog.services().stream().map(Catalog.Service::code).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        retired.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO catalog_import (source, sha256, languages, services) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, source);
                ps.setString(2, sha256);
                ps.setArray(3, c.createArrayOf("text", catalog.languages().toArray()));
                ps.setInt(4, catalog.services().size());
                ps.executeUpdate();
            }
            for (Catalog.Service s : catalog.services()) {
                Map<String, Object> definition = CatalogEntry.write(s);
                if (!history.unchanged(s.code(), definition)) {
                    history.record(s.code(), ServiceVersionAction.IMPORT, definition, null);
                }
            }
            retired.forEach(code -> history.record(code, ServiceVersionAction.RETIRE, null, null));
        } catch (SQLException e) {
            throw new DataStoreException("catalog SQL", e);
        }
    }

    /**
     * The active catalog and its version, read in one repeatable-read snapshot: a catalog being
     * written is never seen half-way (a service without its department).
     */
    @ReadOnly(isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public Snapshot snapshot() {
        return new Snapshot(versions.of(DataVersionRepository.Kind.CATALOG), loadActive());
    }

    /** A catalog as of one version. */
    public record Snapshot(long version, Catalog catalog) {
    }

    /** The active catalog, ordered as the city ordered it. */
    private Catalog loadActive() {
        Connection c = jdbc.getConnection();
        try {
            return new Catalog(languages(c), calendar(c), departments(),
                    groups(true), services.read(true, null).stream().map(StoredServiceRepository.Stored::service).toList());
        } catch (SQLException e) {
            throw new DataStoreException("catalog SQL", e);
        }
    }

    /** Every department, by code. */
    List<Catalog.Department> departments() {
        return jdbc.prepareStatement("SELECT code, name::text FROM department ORDER BY code", ps -> {
            List<Catalog.Department> departments = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    departments.add(new Catalog.Department(rs.getString(1), texts.read(rs.getString(2))));
                }
            }
            return departments;
        });
    }

    /**
     * The groups in their order: all, or only those with an active service (a group a later file
     * dropped stays, since services may refer to it, but is not listed).
     */
    List<Catalog.Group> groups(boolean listedOnly) {
        return jdbc.prepareStatement("""
                SELECT g.code, g.name::text, g.sort_order FROM service_group g
                WHERE NOT ? OR EXISTS (SELECT 1 FROM service s WHERE s.group_code = g.code AND s.active)
                ORDER BY g.sort_order, g.code""", ps -> {
            ps.setBoolean(1, listedOnly);
            List<Catalog.Group> groups = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.add(new Catalog.Group(rs.getString(1), texts.read(rs.getString(2)), rs.getInt(3)));
                }
            }
            return groups;
        });
    }

    /** Whether a service with this code exists but is retired: intake then says so, not "unknown". */
    @ReadOnly
    public boolean isRetired(String code) {
        return jdbc.prepareStatement("SELECT NOT active FROM service WHERE code = ?", ps -> {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    private static BusinessCalendar calendar(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT timezone, holidays FROM business_calendar");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return BusinessCalendar.DEFAULT;
            }
            SortedSet<LocalDate> holidays = new TreeSet<>();
            for (Date d : (Date[]) rs.getArray(2).getArray()) {
                holidays.add(d.toLocalDate());
            }
            return new BusinessCalendar(ZoneId.of(rs.getString(1)), holidays);
        }
    }

    /** The languages texts may be in: those of the latest import; English at least. */
    Set<String> languages() {
        try {
            return languages(jdbc.getConnection());
        } catch (SQLException e) {
            throw new DataStoreException("catalog SQL", e);
        }
    }

    private Set<String> languages(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT languages FROM catalog_import ORDER BY id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                return Set.of((String[]) rs.getArray(1).getArray());
            }
            return Set.of("en");
        }
    }

}
