package io.curbside.api.catalog;

import io.curbside.api.testing.CatalogAdmin;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.CatalogAdmin.aBench;
import static io.curbside.api.testing.CatalogAdmin.listed;
import static io.curbside.api.testing.CatalogAdmin.with;
import static io.curbside.api.testing.People.id;
import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static io.curbside.api.testing.RequestsClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retired services leave the catalog but not their requests; every version is kept; only admins edit. */
@MicronautTest(transactional = false)
class ServiceRetirementTest extends HttpTest {

    private People people;
    private Map<String, Object> session;
    private CatalogAdmin admin;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void admin() {
        people = new People(http);
        session = people.admin();
        admin = new CatalogAdmin(http, token(session));
    }

    @Test
    void aRetiredServiceIsNeitherListedNorTakenButItsRequestsStayReadable() {
        admin.create("old-kiosk", aBench());
        String number = (String) requests.filed(Reports.of("old-kiosk").answer("damage", "seat")).get("tracking_number");

        Map<String, Object> retired = admin.post("old-kiosk", "retire");
        assertEquals(false, retired.get("active"));
        assertEquals(2, retired.get("version"));
        assertFalse(listed(http, "").contains("old-kiosk"));
        requests.problem(HttpRequest.GET("/v1/services/old-kiosk"), HttpStatus.NOT_FOUND, "not-found");
        Map<String, Object> refused = requests.problem(Reports.of("old-kiosk").answer("damage", "seat").json(),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("service_code"), fields(refused));
        assertTrue(((String) refused.get("detail")).contains("retired"), refused::toString);
        Map<String, Object> status = requests.status(number);
        assertEquals("old-kiosk", ((Map<?, ?>) status.get("service")).get("code"));
        assertEquals(2, admin.post("old-kiosk", "retire").get("version"), "retiring twice changes nothing");

        Map<String, Object> restored = admin.post("old-kiosk", "restore");
        assertEquals(true, restored.get("active"));
        assertEquals(3, restored.get("version"));
        assertTrue(listed(http, "").contains("old-kiosk"));
        requests.filed(Reports.of("old-kiosk").answer("damage", "legs"));
        requests.problem(HttpRequest.POST("/v1/admin/services/no-such-thing/retire", null).bearerAuth(token(session)),
                HttpStatus.NOT_FOUND, "not-found");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVersionIsKeptWithWhoMadeIt() {
        String v1 = admin.create("pigeons", aBench()).header("ETag");
        admin.replace("pigeons", with(aBench(), "privacy", "limited"), v1);
        admin.post("pigeons", "retire");
        admin.post("pigeons", "restore");

        Map<String, Object> first = admin.history("pigeons", "?limit=2");
        List<Map<String, Object>> newest = (List<Map<String, Object>>) first.get("versions");
        Map<String, Object> rest = admin.history("pigeons", "?limit=2&cursor=" + first.get("next_cursor"));
        List<Map<String, Object>> versions = new ArrayList<>(newest);
        versions.addAll((List<Map<String, Object>>) rest.get("versions"));
        assertNull(rest.get("next_cursor"));
        assertEquals(List.of(4, 3, 2, 1), versions.stream().map(v -> v.get("version")).toList());
        assertEquals(List.of("restore", "retire", "update", "create"), versions.stream().map(v -> v.get("action")).toList());
        assertEquals(List.of(true, false, true, true), versions.stream().map(v -> v.get("active")).toList());
        assertTrue(versions.stream().allMatch(v -> id(session).equals(v.get("actor"))));
        assertEquals(List.of("limited", "limited", "limited", "open"), versions.stream()
                .map(v -> ((Map<String, Object>) v.get("definition")).get("privacy")).toList());

        Map<String, Object> imported = admin.history("pothole", "");
        Map<String, Object> start = ((List<Map<String, Object>>) imported.get("versions")).get(0);
        assertEquals("import", start.get("action"));
        assertNull(start.get("actor"), "the start-up import has no actor");
        assertEquals(Map.of("value", 3, "unit", "business_days"), ((Map<String, Object>) start.get("definition")).get("target"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyChangeIsInTheAuditLog() {
        admin.create("loose-manhole", aBench());
        admin.post("loose-manhole", "retire");
        http.toBlocking().exchange(HttpRequest.PUT("/v1/admin/departments/bridges", Map.of("name", Map.of("en", "Bridges")))
                .bearerAuth(token(session)), JSON);
        List<Map<String, Object>> entries = new ArrayList<>();
        String cursor = "";
        do {
            Map<String, Object> page = http.toBlocking().retrieve(HttpRequest.GET("/v1/admin/audit?limit=200" + cursor)
                    .bearerAuth(token(session)), JSON);
            entries.addAll((List<Map<String, Object>>) page.get("entries"));
            cursor = page.get("next_cursor") == null ? null : "&cursor=" + page.get("next_cursor");
        } while (cursor != null);
        List<String> mine = entries.stream()
                .filter(e -> List.of("loose-manhole", "bridges").contains(e.get("target")))
                .map(e -> e.get("action") + " " + e.get("target")).toList();
        assertEquals(List.of("service.create loose-manhole", "service.retire loose-manhole", "department.create bridges"),
                mine);
        assertTrue(entries.stream().filter(e -> "loose-manhole".equals(e.get("target")))
                .allMatch(e -> id(session).equals(e.get("actor"))));
    }

    @Test
    void onlyAdminsEditTheCatalog() {
        admin.create("wobbly-rail", aBench());
        List<Map<String, Object>> others = List.of(people.register("resident"), people.staffOf("streets"),
                people.liaison("liaison"));
        for (Map<String, Object> other : others) {
            for (MutableHttpRequest<?> request : routes()) {
                requests.problem(request.bearerAuth(token(other)), HttpStatus.FORBIDDEN, "forbidden");
            }
        }
        for (MutableHttpRequest<?> request : routes()) {
            requests.problem(request, HttpStatus.UNAUTHORIZED, "unauthorized");
        }
        assertEquals(1, admin.get("wobbly-rail").body().get("version"), "nothing changed");
    }

    private static List<MutableHttpRequest<?>> routes() {
        return List.of(
                HttpRequest.GET("/v1/admin/services"),
                HttpRequest.GET("/v1/admin/services/wobbly-rail"),
                HttpRequest.PUT("/v1/admin/services/wobbly-rail", aBench()),
                HttpRequest.PUT("/v1/admin/services/new-thing", aBench()),
                HttpRequest.POST("/v1/admin/services/wobbly-rail/retire", null),
                HttpRequest.POST("/v1/admin/services/wobbly-rail/restore", null),
                HttpRequest.GET("/v1/admin/services/wobbly-rail/history"),
                HttpRequest.PUT("/v1/admin/departments/streets", Map.of("name", Map.of("en", "Mine"))),
                HttpRequest.PUT("/v1/admin/groups/roads", Map.of("name", Map.of("en", "Mine"))));
    }
}
