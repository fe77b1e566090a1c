package io.curbside.api.catalog;

import io.curbside.api.i18n.Translations;
import io.curbside.api.support.JsonTexts;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;

/** The SQL of admins' edits that a file import does not share. Callers hold the transaction. */
@Singleton
class CatalogAdminRepository {

    private final JdbcOperations jdbc;
    private final JsonTexts texts;

    CatalogAdminRepository(JdbcOperations jdbc, JsonTexts texts) {
        this.jdbc = jdbc;
        this.texts = texts;
    }

    /** The place after every service: a new one is listed last in its group. */
    int nextServiceOrder() {
        return jdbc.prepareStatement("SELECT coalesce(max(sort_order), 0) + 1 FROM service", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Retires or restores; false when it already was so. */
    boolean setActive(String code, boolean active) {
        return jdbc.prepareStatement("""
                UPDATE service SET active = ?, updated_at = now() WHERE code = ? AND active <> ?""", ps -> {
            ps.setBoolean(1, active);
            ps.setString(2, code);
            ps.setBoolean(3, active);
            return ps.executeUpdate() > 0;
        });
    }

    /** Creates or renames a department; true when it was created. */
    boolean saveDepartment(String code, Translations name) {
        return jdbc.prepareStatement("""
                INSERT INTO department (code, name) VALUES (?, ?::jsonb)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, updated_at = now()
                RETURNING xmax = 0""", ps -> {
            // xmax is 0 only on a row this statement inserted, not on one it updated.
            ps.setString(1, code);
            ps.setString(2, texts.write(name));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    /**
     * Creates or renames a group, moving it to {@code order} when given (a new one without comes
     * last). Returns whether it was created, and its place.
     */
    SavedGroup saveGroup(String code, Translations name, Integer order) {
        return jdbc.prepareStatement("""
                INSERT INTO service_group (code, name, sort_order)
                VALUES (?, ?::jsonb, coalesce(?, (SELECT coalesce(max(sort_order), 0) + 1 FROM service_group)))
                ON CONFLICT (code) DO UPDATE SET name = excluded.name,
                    sort_order = coalesce(?, service_group.sort_order), updated_at = now()
                RETURNING xmax = 0, sort_order""", ps -> {
            ps.setString(1, code);
            ps.setString(2, texts.write(name));
            ps.setObject(3, order, java.sql.Types.INTEGER);
            ps.setObject(4, order, java.sql.Types.INTEGER);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new SavedGroup(rs.getBoolean(1), rs.getInt(2));
            }
        });
    }

    /** A group as saved. */
    record SavedGroup(boolean created, int order) {
    }
}
