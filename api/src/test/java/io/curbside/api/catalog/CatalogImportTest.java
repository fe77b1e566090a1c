package io.curbside.api.catalog;

import io.curbside.api.StartupImports;
import io.curbside.api.support.InvalidFileException;
import io.curbside.api.testing.DatabaseTest;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

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

    @Inject
    @Client("/")
    HttpClient client;

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
        assertEquals("roads", scalar("SELECT string_agg(code, ',') FROM service_group g WHERE EXISTS "
                + "(SELECT 1 FROM service s WHERE s.group_code = g.code AND s.active)"));
        Map<?, ?> listing = client.toBlocking().retrieve(HttpRequest.GET("/v1/services"), Map.class);
        assertEquals(List.of("roads"), ((List<?>) listing.get("groups")).stream().map(g -> ((Map<?, ?>) g).get("code")).toList(),
                "groups the file no longer has are not listed");
    }

    @Test
    @Order(3)
    void anImportThatFailsHalfWayChangesNothing() throws SQLException {
        String before = scalar("SELECT string_agg(code || active || (name->>'en'), ',' ORDER BY code) FROM service");
        try (Connection c = connect()) {
            // The database refuses the demo's questions only after its services have been written.
            c.createStatement().execute("""
                    CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'refused for the test'; END $$;
                    CREATE TRIGGER refuse_questions BEFORE INSERT ON service_question
                        FOR EACH ROW EXECUTE FUNCTION refuse();""");
        }
        assertThrows(RuntimeException.class, () -> importer.importFile("classpath:demo/catalog.yaml"));
        assertEquals(before, scalar("SELECT string_agg(code || active || (name->>'en'), ',' ORDER BY code) FROM service"));
        assertEquals("2", scalar("SELECT count(*) FROM catalog_import"));
        InvalidFileException missing = assertThrows(InvalidFileException.class,
                () -> importer.importFile("classpath:io/curbside/api/catalog/missing.yaml"));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }
}
