package io.curbside.api.catalog;

import io.curbside.api.testing.CatalogAdmin;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.CatalogAdmin.aBench;
import static io.curbside.api.testing.CatalogAdmin.listed;
import static io.curbside.api.testing.CatalogAdmin.with;
import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static io.curbside.api.testing.RequestsClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admins create and replace services (same rules as a catalog file, If-Match), departments and groups. */
@MicronautTest(transactional = false)
class ServiceEditingTest extends HttpTest {

    private CatalogAdmin admin;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void admin() {
        admin = new CatalogAdmin(http, token(new People(http).admin()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewServiceIsListedInItsLanguagesAndCanBeReported() {
        HttpResponse<Map<String, Object>> created = admin.create("broken-bench", aBench());
        assertEquals("\"broken-bench.1\"", created.header("ETag"));
        assertEquals(1, created.body().get("version"));
        assertEquals(true, created.body().get("active"));
        Map<String, Object> definition = (Map<String, Object>) created.body().get("definition");
        assertEquals(Map.of("en", "Broken bench", "vi", "Ghế băng bị hỏng"), definition.get("name"));
        assertEquals("broken-bench", definition.get("code"));

        assertTrue(listed(http, "").contains("broken-bench"));
        assertTrue(listed(http, "?lang=vi&q=ghe").contains("broken-bench"), "found by its Vietnamese name");
        Map<String, Object> vi = http.toBlocking().retrieve(HttpRequest.GET("/v1/services/broken-bench?lang=vi"), JSON);
        assertEquals("Ghế băng bị hỏng", vi.get("name"));
        assertEquals("Hỏng ở đâu?", ((List<Map<String, Object>>) vi.get("questions")).get(0).get("prompt"));

        Map<String, Object> filed = requests.filed(Reports.of("broken-bench").answer("damage", "legs"));
        assertEquals("streets", ((Map<?, ?>) filed.get("department")).get("code"));
        requests.problem(Reports.of("broken-bench").answer("damage", "back").json(), HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-fields");
    }

    @Test
    void replacingNeedsTheETagOfTheCurrentVersion() {
        String first = admin.create("leaning-sign", aBench()).header("ETag");
        Map<String, Object> renamed = with(aBench(), "name", Map.of("en", "Leaning sign"));

        requests.problem(admin.put("leaning-sign", renamed, null), HttpStatus.PRECONDITION_REQUIRED,
                "precondition-required");
        requests.problem(admin.put("leaning-sign", renamed, "\"leaning-sign.7\""), HttpStatus.PRECONDITION_FAILED,
                "precondition-failed");
        requests.problem(admin.put("leaning-sign", renamed, "W/" + first), HttpStatus.PRECONDITION_FAILED,
                "precondition-failed");
        requests.problem(admin.put("leaning-sign", renamed, null).header("If-None-Match", "*"),
                HttpStatus.PRECONDITION_FAILED, "precondition-failed");

        String second = admin.replace("leaning-sign", renamed, first).header("ETag");
        assertEquals("\"leaning-sign.2\"", second);
        Map<String, Object> stale = requests.problem(admin.put("leaning-sign", aBench(), first),
                HttpStatus.PRECONDITION_FAILED, "precondition-failed");
        assertTrue(((String) stale.get("detail")).contains(second), stale::toString);
        HttpResponse<Map<String, Object>> current = admin.get("leaning-sign");
        assertEquals(second, current.header("ETag"));
        assertEquals(Map.of("en", "Leaning sign"), ((Map<?, ?>) current.body().get("definition")).get("name"));

        requests.problem(admin.put("no-such-thing", aBench(), first), HttpStatus.PRECONDITION_FAILED,
                "precondition-failed");
        requests.problem(HttpRequest.GET("/v1/admin/services/no-such-thing").bearerAuth(adminToken()),
                HttpStatus.NOT_FOUND, "not-found");
    }

    @Test
    void whatAnAdminReadsCanBeSentBackUnchanged() {
        HttpResponse<Map<String, Object>> pothole = admin.get("pothole");
        @SuppressWarnings("unchecked")
        Map<String, Object> definition = (Map<String, Object>) pothole.body().get("definition");
        HttpResponse<Map<String, Object>> replaced = admin.replace("pothole", definition, pothole.header("ETag"));
        assertEquals(definition, replaced.body().get("definition"));
        assertEquals("\"pothole.2\"", replaced.header("ETag"), "an unchanged definition is still a new version");
        Map<String, Object> hmn = http.toBlocking().retrieve(HttpRequest.GET("/v1/services/pothole?lang=hmn"), JSON);
        assertEquals("Qhov Av Tawg Hauv Txoj Kev", hmn.get("name"));
    }

    @Test
    void invalidDefinitionsAreRefusedFieldByFieldAndNothingIsStored() {
        Map<String, Object> bad = aBench();
        bad.remove("name");
        bad.put("anonymus", false);
        bad.put("group", "no-such-group");
        bad.put("department", "no-such-department");
        bad.put("target", Map.of("value", 0, "unit", "fortnights"));
        bad.put("description", Map.of("vi", "Chỉ có tiếng Việt"));
        bad.put("questions", List.of(Map.of("code", "kind", "datatype", "singlevaluelist", "prompt", "Which kind?"),
                Map.of("code", "when", "datatype", "datetime", "prompt", Map.of("en", "When?", "fr", "Quand ?"))));
        Map<String, Object> problem = requests.problem(admin.put("bad-bench", bad, null),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        List<String> fields = fields(problem);
        for (String field : List.of("name", "anonymus", "group", "department", "target.value", "target.unit",
                "description", "questions[0]", "questions[1].prompt")) {
            assertTrue(fields.contains(field), field + " is named in " + problem);
        }
        requests.problem(admin.put("bad-bench", with(aBench(), "code", "other-code"), null),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        requests.problem(HttpRequest.PUT("/v1/admin/services/bad-bench", "[1, 2]").contentType(MediaType.APPLICATION_JSON)
                .bearerAuth(adminToken()), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        requests.problem(HttpRequest.GET("/v1/admin/services/bad-bench").bearerAuth(adminToken()),
                HttpStatus.NOT_FOUND, "not-found");
        assertFalse(listed(http, "").contains("bad-bench"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void departmentsAndGroupsAreCreatedAndRenamedForNewServices() {
        HttpResponse<Map<String, Object>> created = http.toBlocking().exchange(HttpRequest.PUT(
                "/v1/admin/departments/parks-rec", Map.of("name", Map.of("en", "Parks", "es", "Parques")))
                .bearerAuth(adminToken()), JSON);
        assertEquals(HttpStatus.CREATED, created.getStatus());
        HttpResponse<Map<String, Object>> renamed = http.toBlocking().exchange(HttpRequest.PUT(
                "/v1/admin/departments/parks-rec", Map.of("name", Map.of("en", "Parks and Recreation")))
                .bearerAuth(adminToken()), JSON);
        assertEquals(HttpStatus.OK, renamed.getStatus());
        Map<String, Object> noEnglish = requests.problem(HttpRequest.PUT("/v1/admin/departments/parks-rec",
                Map.of("name", Map.of("es", "Parques"))).bearerAuth(adminToken()), HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-fields");
        assertEquals(List.of("name"), fields(noEnglish));

        HttpResponse<Map<String, Object>> group = http.toBlocking().exchange(HttpRequest.PUT("/v1/admin/groups/play",
                Map.of("name", Map.of("en", "Playgrounds"))).bearerAuth(adminToken()), JSON);
        assertEquals(HttpStatus.CREATED, group.getStatus());
        assertEquals(7, group.body().get("order"), "after the demo's six groups");

        admin.create("broken-swing", with(with(aBench(), "group", "play"), "department", "parks-rec"));
        Map<String, Object> list = http.toBlocking().retrieve(HttpRequest.GET("/v1/services?group=play"), JSON);
        Map<String, Object> swing = ((List<Map<String, Object>>) list.get("services")).get(0);
        assertEquals(Map.of("code", "parks-rec", "name", "Parks and Recreation"), swing.get("department"));
        assertTrue(((List<Map<String, Object>>) list.get("groups")).stream().anyMatch(g -> g.get("code").equals("play")));

        Map<String, Object> catalog = http.toBlocking().retrieve(HttpRequest.GET("/v1/admin/services")
                .bearerAuth(adminToken()), JSON);
        assertEquals(List.of("en", "es", "hmn", "vi", "zh"), catalog.get("languages"));
        assertTrue(((List<Map<String, Object>>) catalog.get("departments")).stream()
                .anyMatch(d -> d.get("name").equals(Map.of("en", "Parks and Recreation"))));
        List<Object> codes = ((List<Map<String, Object>>) catalog.get("services")).stream().map(x -> x.get("code")).toList();
        assertTrue(codes.containsAll(List.of("pothole", "broken-swing")), codes::toString);
    }

    private String adminToken() {
        return token(new People(http).admin());
    }
}
