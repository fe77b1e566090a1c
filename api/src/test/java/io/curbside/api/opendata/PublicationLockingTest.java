package io.curbside.api.opendata;

import io.curbside.api.testing.CatalogAdmin;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published dataset under concurrent changes, with two connections: every writer locks a
 * request's row before its queue row (and a service's requests before the service), so a
 * republish never overwrites a newer change and a catalog edit never deadlocks a staff change;
 * and a deadlock or serialization failure that still happens answers 503 with Retry-After.
 */
@MicronautTest(transactional = false)
class PublicationLockingTest extends HttpTest {

    @Inject
    Republisher republisher;

    private People people;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void people() {
        people = new People(http);
    }

    @Test
    void aRepublishWaitsForAServiceBeingWithheldAndLeavesItsTombstone() throws Exception {
        String number = file();
        CompletableFuture<Long> republish;
        try (Connection admin = connect()) {
            admin.setAutoCommit(false);
            try (Statement s = admin.createStatement()) {
                // What the catalog's edit does: the service's requests first, in id order, then the service.
                s.execute("SELECT id FROM service_request WHERE service_code = 'pothole' ORDER BY id FOR UPDATE");
                s.execute("UPDATE service SET privacy_class = 'withheld' WHERE code = 'pothole'");
            }
            republish = CompletableFuture.supplyAsync(republisher::republishAll);
            Thread.sleep(1500);
            assertFalse(republish.isDone(), "the republish waits for the requests the edit holds");
            admin.commit();
        }
        try {
            republish.get(60, TimeUnit.SECONDS);
            assertTrue(withdrawn(number), "the withheld service's request is a tombstone, not its old open form");
            assertFalse(due(number), "and no longer due");
        } finally {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE service SET privacy_class = 'open' WHERE code = 'pothole'");
            }
            republisher.republishAll();
        }
        assertFalse(withdrawn(number), "published again once open");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCatalogEditLocksTheServicesRequestsBeforeTheServiceSoAStaffChangeCannotDeadlockIt() throws Exception {
        String number = file();
        CatalogAdmin catalog = new CatalogAdmin(http, token(people.admin()));
        HttpResponse<Map<String, Object>> current = catalog.get("pothole");
        Map<String, Object> entry = new HashMap<>((Map<String, Object>) current.body().get("definition"));
        String etag = current.getHeaders().get("ETag");
        CompletableFuture<HttpResponse<Map<String, Object>>> edit;
        try (Connection staff = connect()) {
            staff.setAutoCommit(false);
            try (PreparedStatement ps = staff.prepareStatement(
                    "UPDATE service_request SET me_too_count = me_too_count + 1 WHERE tracking_number = ?")) {
                ps.setString(1, number);
                assertEquals(1, ps.executeUpdate());
            }
            edit = CompletableFuture.supplyAsync(() -> catalog.replace("pothole",
                    CatalogAdmin.with(entry, "privacy", "sensitive"), etag));
            Thread.sleep(1500);
            assertFalse(edit.isDone(), "the edit waits for the request the staff change holds");
            // The staff change goes on to a row the edit would hold had it changed the service
            // first: the edit must not hold it yet, or each waits for the other.
            try (Statement s = staff.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '5s'");
                s.execute("SELECT code FROM service WHERE code = 'pothole' FOR UPDATE");
            }
            staff.commit();
        }
        HttpResponse<Map<String, Object>> edited = edit.get(60, TimeUnit.SECONDS);
        try {
            assertEquals(HttpStatus.OK, edited.getStatus());
            assertEquals(500, precision(number), "re-projected after the staff change, on the coarse cell");
        } finally {
            catalog.replace("pothole", CatalogAdmin.with(entry, "privacy", "open"), edited.getHeaders().get("ETag"));
        }
    }

    @Test
    void aDeadlockAnswers503WithRetryAfter() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE FUNCTION test_deadlock() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01';
                    END $$""");
            s.execute("""
                    CREATE TRIGGER test_deadlock BEFORE INSERT ON service_request FOR EACH ROW
                    WHEN (NEW.description = 'a deadlock, please') EXECUTE FUNCTION test_deadlock()""");
        }
        try {
            HttpClientResponseException refused = assertThrows(
                    HttpClientResponseException.class, () -> http.toBlocking().exchange(HttpRequest.POST("/v1/requests",
                            Reports.aPothole().description("a deadlock, please").json()), JSON));
            assertEquals(HttpStatus.SERVICE_UNAVAILABLE, refused.getStatus());
            assertEquals("5", refused.getResponse().getHeaders().get("Retry-After"));
            assertTrue(refused.getResponse().getBody(String.class).orElse("").contains("unavailable"));
        } finally {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER test_deadlock ON service_request");
                s.execute("DROP FUNCTION test_deadlock()");
            }
        }
    }

    private String file() {
        return (String) requests.filed(Reports.aPothole()).get("tracking_number");
    }

    private boolean withdrawn(String number) throws SQLException {
        return one("SELECT withdrawn_at IS NOT NULL FROM opendata.published_request WHERE tracking_number = ?", number);
    }

    private boolean due(String number) throws SQLException {
        return one("""
                SELECT EXISTS (SELECT FROM publication_due d JOIN service_request r ON r.id = d.request_id
                               WHERE r.tracking_number = ?)""", number);
    }

    private int precision(String number) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT location_precision_m FROM opendata.published_request WHERE tracking_number = ?")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), number + " is not published");
                return rs.getInt(1);
            }
        }
    }

    private boolean one(String sql, String number) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), number);
                return rs.getBoolean(1);
            }
        }
    }
}
