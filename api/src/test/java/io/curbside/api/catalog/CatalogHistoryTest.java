package io.curbside.api.catalog;

import io.curbside.api.testing.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Whole-file imports leave history too: a version per changed service, none for an unchanged one. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogHistoryTest extends DatabaseTest {

    @Inject
    CatalogImporter importer;

    private String scalar(String sql) throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    @Order(1)
    void theStartUpImportIsTheFirstVersionOfEveryService() throws SQLException {
        assertEquals(scalar("SELECT count(*) FROM service"), scalar("""
                SELECT count(*) FROM service_history h JOIN service s ON s.code = h.service_code
                WHERE h.version = 1 AND s.version = 1 AND h.action = 'import' AND h.active AND h.actor_id IS NULL"""));
        assertEquals("Pothole", scalar("SELECT definition->'name'->>'en' FROM service_history WHERE service_code = 'pothole'"));
    }

    @Test
    @Order(2)
    void importingTheSameFileAgainMakesNoVersion() throws SQLException {
        String before = scalar("SELECT count(*) FROM service_history");
        importer.importFile("classpath:demo/catalog.yaml");
        assertEquals(before, scalar("SELECT count(*) FROM service_history"));
    }

    @Test
    @Order(3)
    void anotherFileMakesVersionsOfWhatChangedAndRetiresTheRest() throws SQLException {
        // Every demo service but the pothole is retired; the file's crack is new.
        int services = Integer.parseInt(scalar("SELECT count(*) FROM service"));
        importer.importFile("classpath:io/curbside/api/catalog/two-services.yaml");
        assertEquals("2 import false", scalar("""
                SELECT version || ' ' || action || ' ' || (jsonb_array_length(definition->'questions') > 0)
                FROM service_history WHERE service_code = 'pothole' ORDER BY version DESC LIMIT 1"""));
        assertEquals("2", scalar("SELECT version FROM service WHERE code = 'pothole'"));
        assertEquals(String.valueOf(services - 1), scalar("""
                SELECT count(*) FROM service_history h JOIN service s ON s.code = h.service_code
                WHERE h.action = 'retire' AND NOT h.active AND h.version = 2 AND s.version = 2 AND h.actor_id IS NULL"""));
        assertEquals("Graffiti", scalar("""
                SELECT definition->'name'->>'en' FROM service_history WHERE service_code = 'graffiti' AND version = 2"""),
                "a retirement keeps the definition it retires");
    }

    @Test
    @Order(4)
    void aServiceStoredBeforeHistoryWasKeptGetsABaselineBeforeItChanges() throws SQLException {
        try (Connection c = connect()) {
            c.createStatement().execute("ALTER TABLE service_history DISABLE TRIGGER service_history_append_only");
            c.createStatement().execute("DELETE FROM service_history WHERE service_code = 'crack'");
            c.createStatement().execute("ALTER TABLE service_history ENABLE TRIGGER service_history_append_only");
        }
        importer.importFile("classpath:demo/catalog.yaml");
        assertEquals("1 baseline true,2 retire false", scalar("""
                SELECT string_agg(version || ' ' || action || ' ' || active, ',' ORDER BY version)
                FROM service_history WHERE service_code = 'crack'"""));
    }

    @Test
    @Order(5)
    void historyIsNeverRewritten() {
        assertThrows(SQLException.class, () -> {
            try (Connection c = connect()) {
                c.createStatement().execute("UPDATE service_history SET action = 'create'");
            }
        });
        assertThrows(SQLException.class, () -> {
            try (Connection c = connect()) {
                c.createStatement().execute("DELETE FROM jurisdiction_history");
            }
        });
    }
}
