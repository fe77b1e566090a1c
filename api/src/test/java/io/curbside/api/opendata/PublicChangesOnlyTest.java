package io.curbside.api.opendata;

import io.curbside.api.testing.CatalogAdmin;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A change nobody may see leaves the published row as it was, its {@code updated_at} and its place in the
 * change feed too: several requests changing at once would tell that one person filed them (a claim, an
 * erasure), and when they signed in or left. And a dates-only class publishes no me-too count, whose rise
 * would tell the minute a resident acted.
 */
@MicronautTest(transactional = false)
class PublicChangesOnlyTest extends HttpTest {

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
    @SuppressWarnings("unchecked")
    void aClaimAndAStaffOnlyNoteChangeNothingPublic() throws Exception {
        Map<String, Object> first = requests.filed(Reports.aPothole());
        Map<String, Object> second = requests.filed(Reports.aPothole().north(500));
        List<String> numbers = List.of((String) first.get("tracking_number"), (String) second.get("tracking_number"));
        Map<String, String> before = rows(numbers);

        Map<String, Object> cy = people.register("cy");
        http.toBlocking().retrieve(HttpRequest.POST("/v1/me/claims", Map.of("receipts", List.of(
                Map.of("tracking_number", numbers.get(0), "receipt_token", first.get("receipt_token")),
                Map.of("tracking_number", numbers.get(1), "receipt_token", second.get("receipt_token")))))
                .bearerAuth(token(cy)), JSON);
        assertNotEquals(before.get("private " + numbers.get(0)), rows(numbers).get("private " + numbers.get(0)),
                "the claim did change the private row");
        String streets = token(people.staffOf("streets"));
        http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + numbers.get(0) + "/notes",
                Map.of("text", "Cy Reporter called again from 614-555-0199", "public", false)).bearerAuth(streets), JSON);

        Map<String, String> after = rows(numbers);
        for (String number : numbers) {
            assertEquals(before.get(number), after.get(number), number + ": its published updated_at and feed place stay");
        }

        // A later public change of every pothole (the service renamed) stamps its own time, not the claim's.
        CatalogAdmin admin = new CatalogAdmin(http, token(people.admin()));
        HttpResponse<Map<String, Object>> current = admin.get("pothole");
        Map<String, Object> entry = new HashMap<>((Map<String, Object>) current.body().get("definition"));
        Object name = entry.get("name");
        admin.replace("pothole", CatalogAdmin.with(entry, "name", Map.of("en", "Road hole")), current.getHeaders().get("ETag"));
        try {
            Map<String, String> renamed = rows(numbers);
            for (String number : numbers) {
                assertNotEquals(before.get(number), renamed.get(number), "republished");
                assertNotEquals(time(renamed.get("private " + number)), time(renamed.get(number)),
                        number + ": the published updated_at is the rename's, not the claim's");
            }
        } finally {
            current = admin.get("pothole");
            entry = new HashMap<>((Map<String, Object>) current.body().get("definition"));
            admin.replace("pothole", CatalogAdmin.with(entry, "name", name), current.getHeaders().get("ETag"));
        }
    }

    private static String time(String row) {
        return row.substring(0, row.indexOf(" | "));
    }

    @Test
    void anErasedAccountsRequestsStayPublishedAsTheyWere() throws Exception {
        Map<String, Object> session = people.register("gone");
        String description = "Gone Walker here: the hole by my drive is deep. Call me on 614-555-0199";
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            numbers.add((String) http.toBlocking().retrieve(HttpRequest.POST("/v1/requests", Reports.aPothole()
                    .north(300 * i).contact("Gone Walker", People.email(session), "+1 614 555 0199").description(description)
                    .json()).bearerAuth(token(session)), JSON).get("tracking_number"));
        }
        Map<String, String> before = rows(numbers);
        String published = text("SELECT description FROM opendata.published_request WHERE tracking_number = ?", numbers.get(0));
        assertNotNull(published);
        Object shown = requests.status(numbers.get(0)).get("description");

        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.POST("/v1/me/deletion", Map.of())
                .bearerAuth(token(session))).getStatus());

        Map<String, String> after = rows(numbers);
        for (String number : numbers) {
            assertEquals(before.get(number), after.get(number), number + ": the erasure shows nowhere public");
            assertNotEquals(before.get("private " + number), after.get("private " + number), "though the private row changed");
        }
        assertEquals(published, text("SELECT description FROM opendata.published_request WHERE tracking_number = ?",
                numbers.get(0)), "the published words are the same");
        assertEquals(shown, requests.status(numbers.get(0)).get("description"), "and so is the status page");
        String kept = text("SELECT description FROM service_request WHERE tracking_number = ?", numbers.get(0));
        for (String gone : List.of("Gone", "Walker", "614-555-0199")) {
            assertFalse(kept.contains(gone), gone + " stays in the city's own copy of their words: " + kept);
        }
        assertNull(text("SELECT contact_name FROM service_request WHERE tracking_number = ?", numbers.get(0)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDatesOnlyClassPublishesNoMeTooCount() throws Exception {
        CatalogAdmin admin = new CatalogAdmin(http, token(people.admin()));
        HttpResponse<Map<String, Object>> current = admin.get("pothole");
        Map<String, Object> entry = new HashMap<>((Map<String, Object>) current.body().get("definition"));
        admin.replace("pothole", CatalogAdmin.with(entry, "privacy", "sensitive"), current.getHeaders().get("ETag"));
        try {
            String number = (String) requests.filed(Reports.aPothole()).get("tracking_number");
            http.toBlocking().exchange(HttpRequest.POST("/v1/requests/" + number + "/me-too",
                    Map.of("device_id", "device-of-a-neighbour")), JSON);
            assertNull(text("SELECT me_too_count::text FROM opendata.published_request WHERE tracking_number = ?", number));
            Map<String, Object> status = requests.status(number);
            assertFalse(status.containsKey("me_too"), "nor does the status page: " + status);
        } finally {
            current = admin.get("pothole");
            entry = new HashMap<>((Map<String, Object>) current.body().get("definition"));
            admin.replace("pothole", CatalogAdmin.with(entry, "privacy", "open"), current.getHeaders().get("ETag"));
        }
    }

    /** Each request's published updated_at and feed place, and under "private n" its private row's version. */
    private Map<String, String> rows(List<String> numbers) throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT p.tracking_number, p.updated_at::text || ' | ' || p.changed_xid::text,
                       r.updated_at::text || ' | ' || r.xmin::text
                FROM opendata.published_request p JOIN service_request r USING (tracking_number)
                WHERE p.tracking_number = ANY (?)""")) {
            ps.setArray(1, c.createArrayOf("text", numbers.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getString(2));
                    rows.put("private " + rs.getString(1), rs.getString(3));
                }
            }
        }
        assertEquals(numbers.size() * 2, rows.size(), "every request is published");
        return rows;
    }

    private String text(String sql, String number) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
