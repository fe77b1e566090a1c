package io.curbside.api.catalog;

import io.curbside.api.StartupImports;
import io.curbside.api.support.InvalidFileException;
import io.curbside.api.testing.DatabaseTest;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.ApplicationContext;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up imports only into an empty database; the explicit import replaces, retires, and is atomic. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogImportTest extends DatabaseTest {

    private static final String TWO_SERVICES = "classpath:io/curbside/api/catalog/two-services.yaml";

    @Inject
    CatalogImporter importer;

    @Inject
    StartupImports startup;

    @Inject
    ApplicationContext context;

    private String scalar(String sql) throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    @Order(1)
    void aRestartDoesNotOverwriteWhatWasEditedSince() throws SQLException {
        String services = scalar("SELECT count(*) FROM service");
        try (Connection c = connect()) {
            c.createStatement().execute("UPDATE service SET name = '{\"en\": \"Edited by an admin\"}' WHERE code = 'pothole'");
        }
        startup.onStartup(new StartupEvent(context));
        assertEquals("Edited by an admin", scalar("SELECT name->>'en' FROM service WHERE code = 'pothole'"));
        assertEquals(services, scalar("SELECT count(*) FROM service"));
        assertEquals("1", scalar("SELECT count(*) FROM catalog_import"));
    }

    @Test
    @Order(2)
    void anExplicitImportReplacesTheCatalogAndRetiresWhatTheFileNoLongerHas() throws SQLException {
        importer.importFile(TWO_SERVICES);
        assertEquals("Pothole", scalar("SELECT name->>'en' FROM service WHERE code = 'pothole'"));
        assertEquals("2", scalar("SELECT count(*) FROM service WHERE active"));
        assertTrue(Integer.parseInt(scalar("SELECT count(*) FROM service WHERE NOT active")) > 0,
                "services missing from the file are retired, not deleted");
        assertEquals("0", scalar("SELECT count(*) FROM service_question WHERE service_code = 'pothole'"),
                "the file's pothole has no questions, so the old ones are gone");
        assertEquals("2", scalar("SELECT count(*) FROM catalog_import"));
    }

    @Test
    @Order(3)
    void aBrokenFileChangesNothing() throws SQLException {
        String before = scalar("SELECT string_agg(code || active, ',' ORDER BY code) FROM service");
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> importer.importFile("classpath:io/curbside/api/catalog/missing.yaml"));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        assertEquals(before, scalar("SELECT string_agg(code || active, ',' ORDER BY code) FROM service"));
    }
}
