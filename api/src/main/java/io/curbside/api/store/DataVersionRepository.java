package io.curbside.api.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.sql.ResultSet;

/**
 * The version of each kind of reference data (V3__data_versions.sql): triggers bump it on any
 * change, so a node's cache is current exactly while the number has not moved. Called inside a
 * snapshot, it reads that snapshot's number.
 */
@Singleton
public class DataVersionRepository {

    /** The kinds with a version row. */
    public enum Kind {
        CATALOG("catalog"),
        JURISDICTION("jurisdiction");

        private final String row;

        Kind(String row) {
            this.row = row;
        }
    }

    private final JdbcOperations jdbc;

    public DataVersionRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The versions of every kind, read together: what a cached answer built from several kinds depends on. */
    public record Current(long catalog, long jurisdiction) {
    }

    @ReadOnly
    public Current current() {
        return jdbc.prepareStatement("SELECT name, version FROM data_version WHERE name IN (?, ?)", ps -> {
            ps.setString(1, Kind.CATALOG.row);
            ps.setString(2, Kind.JURISDICTION.row);
            long catalog = 0;
            long jurisdiction = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equals(Kind.CATALOG.row)) {
                        catalog = rs.getLong(2);
                    } else {
                        jurisdiction = rs.getLong(2);
                    }
                }
            }
            return new Current(catalog, jurisdiction);
        });
    }

    @ReadOnly
    public long of(Kind kind) {
        return jdbc.prepareStatement("SELECT version FROM data_version WHERE name = ?", ps -> {
            ps.setString(1, kind.row);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
