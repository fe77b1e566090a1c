package io.curbside.api.opendata;

import io.curbside.api.testing.CatalogAdmin;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published dataset (opendata.published_request): what a request filed with personal data
 * publishes, that every change rewrites its row in the same transaction, that a republish is
 * idempotent, and that the open-data role reads it and nothing else.
 */
@MicronautTest(transactional = false)
class PublishedRequestsTest extends HttpTest {

    private static final String NAME = "Maria Lopez";
    private static final String EMAIL = "maria.lopez@example.org";
    private static final String PHONE = "+1 614 555 0199";
    private static final String DESCRIPTION = "Huge pothole in front of 1234 Elm St, my car hit it. Call Maria Lopez "
            + "at 614-555-0199 or maria.lopez@example.org";

    /** The application's open-data datasource, unwrapped from Micronaut's transaction-bound proxy. */
    private DataSource opendata;

    @Inject
    void opendata(@Named("opendata") DataSource contextual) {
        opendata = DelegatingDataSource.unwrapDataSource(contextual);
    }

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
    void aReportWithPersonalDataIsPublishedWithoutItOnAGeneralizedPoint() throws Exception {
        String number = file(Reports.aPothole().contact(NAME, EMAIL, PHONE).description(DESCRIPTION));
        Map<String, Object> row = published(number);
        assertEquals("pothole", row.get("service_code"));
        assertEquals("Pothole", row.get("service_name"));
        assertEquals("streets", row.get("department"));
        assertEquals("received", row.get("status"));
        assertEquals("mobile_app", row.get("channel"));
        assertEquals(100, row.get("location_precision_m"));
        String description = (String) row.get("description");
        assertTrue(description.startsWith("Huge pothole in front of"), description);
        String everything = row.toString();
        for (String secret : List.of("Maria", "Lopez", "maria", "1234", "Elm St", "614 555 0199", "614-555-0199", "example.org")) {
            assertFalse(everything.contains(secret), secret + " is published: " + everything);
        }
        double lat = (Double) row.get("lat");
        double lon = (Double) row.get("lon");
        assertFalse(lat == Reports.LAT && lon == Reports.LON, "the exact point is published");
        double metres = Math.hypot(lat - Reports.LAT, (lon - Reports.LON) * Math.cos(Math.toRadians(Reports.LAT)))
                * Reports.METRES_PER_DEGREE;
        assertTrue(metres <= 100, "the cell's centre is within a cell of the point: " + metres + " m");
        assertTrue(publishedWithTheChange(number), "published in the transaction that filed it");
    }

    @Test
    void aStaffStatusChangeRewritesTheRowInItsTransaction() throws Exception {
        String number = file(Reports.aPothole());
        String streets = token(people.staffOf("streets"));
        String etag = http.toBlocking().exchange(HttpRequest.GET("/v1/staff/requests/" + number).bearerAuth(streets), JSON)
                .getHeaders().get("ETag");
        http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + number + "/status",
                        Map.of("status", "acknowledged", "note", "Crew booked."))
                .header("If-Match", etag).bearerAuth(streets), JSON);
        assertEquals("acknowledged", published(number).get("status"));
        assertTrue(publishedWithTheChange(number), "published in the transaction of the status change");
    }

    @Test
    void aMeTooIsCountedInThePublishedRowInItsTransaction() throws Exception {
        String number = file(Reports.aPothole());
        http.toBlocking().exchange(HttpRequest.POST("/v1/requests/" + number + "/me-too",
                Map.of("device_id", "device-of-a-neighbour")), JSON);
        assertEquals(1, published(number).get("me_too_count"));
        assertTrue(publishedWithTheChange(number), "published in the transaction of the me-too");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPrivacyClassChangeReprojectsTheServicesRowsInItsTransaction() throws Exception {
        String number = file(Reports.aPothole().description("Deep hole, two tyres burst"));
        assertNotNull(published(number).get("description"));
        CatalogAdmin admin = new CatalogAdmin(http, token(people.admin()));
        HttpResponse<Map<String, Object>> current = admin.get("pothole");
        Map<String, Object> entry = new HashMap<>((Map<String, Object>) current.body().get("definition"));
        String etag = current.getHeaders().get("ETag");
        try {
            etag = admin.replace("pothole", CatalogAdmin.with(entry, "privacy", "sensitive"), etag).getHeaders().get("ETag");
            Map<String, Object> row = published(number);
            assertEquals(500, row.get("location_precision_m"), "the coarse cell");
            assertNull(row.get("description"), "a sensitive class publishes no text");
            assertEquals("00:00", row.get("received_local_time"), "a sensitive class publishes the date, not the minute");
            assertEquals("00:00", row.get("changed_local_time"), "nor the minute its row changed");
            assertTrue(serviceChangeAndRowInOneTransaction(number), "re-projected in the transaction of the change");

            etag = admin.replace("pothole", CatalogAdmin.with(entry, "privacy", "withheld"), etag).getHeaders().get("ETag");
            Map<String, Object> tombstone = published(number);
            assertNotNull(tombstone.get("withdrawn_at"), "a withheld request leaves a tombstone");
            assertNull(tombstone.get("service_code"));
            assertNull(tombstone.get("lat"));
            assertNull(tombstone.get("received_at"));
        } finally {
            admin.replace("pothole", CatalogAdmin.with(entry, "privacy", "open"), etag);
        }
        Map<String, Object> back = published(number);
        assertNull(back.get("withdrawn_at"), "made public again");
        assertEquals(100, back.get("location_precision_m"));
        assertEquals("Deep hole, two tyres burst", back.get("description"));
        assertNotEquals("00:00", back.get("changed_local_time"), "an open class's change keeps its minute");
    }


    @Test
    void republishingChangesNothingAndRepairsWhatDiffers() throws Exception {
        String number = file(Reports.aPothole().description("A wide crack across the lane"));
        Map<String, String> before = changes();
        republisher.republishAll();
        assertEquals(before, changes(), "a republish of an unchanged policy writes no row");
        try (Connection c = connect()) {
            c.createStatement().execute("UPDATE opendata.published_request SET description = 'tampered', "
                    + "location = NULL WHERE tracking_number = '" + number + "'");
            c.createStatement().execute("DELETE FROM opendata.published_request WHERE tracking_number <> '" + number + "'");
        }
        republisher.republishAll();
        assertEquals(before.keySet(), changes().keySet(), "every request published again");
        Map<String, Object> row = published(number);
        assertEquals("A wide crack across the lane", row.get("description"));
        assertEquals(100, row.get("location_precision_m"));
        assertNotNull(row.get("lat"));
        Map<String, String> after = changes();
        republisher.republishAll();
        assertEquals(after, changes(), "and again, nothing");
    }

    @Test
    void aHandEditInSqlIsPublishedBytheSweeper() throws Exception {
        String number = file(Reports.aPothole());
        try (Connection c = connect()) {
            c.createStatement().execute("UPDATE service_request SET status = 'closed', closed_at = now(), "
                    + "close_reason = 'fixed' WHERE tracking_number = '" + number + "'");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "closed".equals(published(number).get("status")));
        Map<String, Object> row = published(number);
        assertEquals("fixed", row.get("status_detail"));
        assertEquals(Boolean.TRUE, row.get("on_time"));
    }

    @Test
    void theOpenDataRoleReadsThePublishedDatasetAndNothingElse() throws Exception {
        String number = file(Reports.aPothole().contact(NAME, EMAIL, PHONE));
        try (Connection c = opendata.getConnection()) {
            for (String table : List.of("service_request", "account", "request_photo", "request_event", "me_too",
                    "publication_due", "outbox_message", "audit_log")) {
                SQLException refused = assertThrows(SQLException.class,
                        () -> c.createStatement().executeQuery("SELECT * FROM " + table + " LIMIT 1"), table);
                assertEquals("42501", refused.getSQLState(), table + ": " + refused.getMessage());
            }
            SQLException write = assertThrows(SQLException.class, () -> c.createStatement()
                    .executeUpdate("UPDATE opendata.published_request SET description = 'x'"));
            assertTrue(write.getSQLState().equals("42501") || write.getSQLState().equals("25006"), write.getMessage());
            // Runs as PostGIS's owner and reads any table's statistics: the box round the private points (V33).
            try (Connection main = connect()) {
                main.createStatement().execute("ANALYZE service_request");
            }
            SQLException extent = assertThrows(SQLException.class, () -> c.createStatement()
                    .executeQuery("SELECT ST_EstimatedExtent('public', 'service_request', 'location')"));
            assertEquals("42501", extent.getSQLState(), extent.getMessage());
        }
        assertEquals("pothole", published(number).get("service_code"), "the published table it may read");
    }

    @Test
    void theOpenDataConnectionsCancelALongQuery() throws Exception {
        try (Connection c = opendata.getConnection()) {
            try (ResultSet rs = c.createStatement().executeQuery("SHOW statement_timeout")) {
                assertTrue(rs.next());
                assertEquals("15s", rs.getString(1), "CURBSIDE_OPENDATA_STATEMENT_TIMEOUT's default, on every connection");
            }
        }
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SHOW statement_timeout")) {
            assertTrue(rs.next());
            assertEquals("0", rs.getString(1), "the test's own connection is not limited, so this test says which is");
        }
    }

        private String file(Reports report) {
        return (String) requests.filed(report).get("tracking_number");
    }

    /** The published row, read as the open-data routes read it: through the open-data role. */
    private Map<String, Object> published(String number) throws SQLException {
        try (Connection c = opendata.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT service_code, service_name, department, status, status_detail, channel, location_precision_m,
                       description, ST_Y(location), ST_X(location), received_at,
                       to_char(received_at AT TIME ZONE 'America/New_York', 'HH24:MI'), withdrawn_at, on_time,
                       districts::text, photo_urls::text, address, me_too_count,
                       to_char(changed_at AT TIME ZONE 'America/New_York', 'HH24:MI')
                FROM opendata.published_request WHERE tracking_number = ?""")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), number + " is not published");
                Map<String, Object> row = new LinkedHashMap<>();
                String[] names = {"service_code", "service_name", "department", "status", "status_detail", "channel",
                        "location_precision_m", "description", "lat", "lon", "received_at", "received_local_time",
                        "withdrawn_at", "on_time", "districts", "photo_urls", "address", "me_too_count",
                        "changed_local_time"};
                for (int i = 0; i < names.length; i++) {
                    row.put(names[i], rs.getObject(i + 1));
                }
                return row;
            }
        }
    }

    /** Whether the published row was written by the transaction that last changed the private one. */
    private boolean publishedWithTheChange(String number) throws SQLException {
        return oneBoolean("""
                SELECT p.changed_xid::text::bigint % 4294967296 = r.xmin::text::bigint
                FROM opendata.published_request p JOIN service_request r USING (tracking_number)
                WHERE tracking_number = ?""", number);
    }

    private boolean serviceChangeAndRowInOneTransaction(String number) throws SQLException {
        return oneBoolean("""
                SELECT p.changed_xid::text::bigint % 4294967296 = s.xmin::text::bigint
                FROM opendata.published_request p, service s
                WHERE p.tracking_number = ? AND s.code = 'pothole'""", number);
    }

    private boolean oneBoolean(String sql, String number) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), number + " is not published");
                return rs.getBoolean(1);
            }
        }
    }

    /** Each published row's last change. */
    private Map<String, String> changes() throws SQLException {
        Map<String, String> changes = new HashMap<>();
        try (Connection c = connect(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT tracking_number, changed_xid::text FROM opendata.published_request")) {
            while (rs.next()) {
                changes.put(rs.getString(1), rs.getString(2));
            }
        }
        return changes;
    }
}
