package io.curbside.api.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.Set;

/**
 * Lets one importer of a kind run at a time across every Curbside node (a transaction-scoped
 * advisory lock), and tells whether there is anything yet to protect from a start-up import.
 */
@Singleton
public class ImportRepository {

    private static final Set<String> TABLES = Set.of("service", "jurisdiction", "address");

    private final JdbcOperations jdbc;

    public ImportRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for any other import of this kind to commit; released when the transaction ends. */
    public void lock(String kind) {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))", ps -> {
            ps.setString(1, "curbside.import." + kind);
            ps.execute();
            return null;
        });
    }

    public boolean isEmpty(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("not an imported table: " + table);
        }
        return jdbc.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM " + table + ")", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }
}
