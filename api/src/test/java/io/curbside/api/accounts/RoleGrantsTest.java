package io.curbside.api.accounts;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.People.id;
import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only admins grant roles; the first admin comes from configuration; every grant is in the audit log. */
@MicronautTest(transactional = false)
class RoleGrantsTest extends HttpTest {

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
    void theBootstrapAdminSignsInAsAdmin() {
        Map<String, Object> admin = people.admin();
        @SuppressWarnings("unchecked")
        Map<String, Object> account = (Map<String, Object>) admin.get("account");
        assertEquals(List.of("resident", "admin"), account.get("roles"));
    }

    @Test
    void anAdminGrantsStaffOfADepartmentAndTheTokenCarriesItAfterRefresh() {
        Map<String, Object> staff = people.staffOf("streets");
        Map<String, Object> me = http.toBlocking().retrieve(HttpRequest.GET("/v1/me").bearerAuth(token(staff)), JSON);
        assertEquals(List.of("resident", "staff"), me.get("roles"));
        assertEquals(List.of("streets"), me.get("departments"));
    }

    @Test
    void nobodyButAnAdminGrantsRoles() {
        Map<String, Object> resident = people.register("climber");
        Map<String, Object> staff = people.staffOf("streets");
        Map<String, Object> liaison = people.liaison("lia");
        for (Map<String, Object> caller : List.of(resident, staff, liaison)) {
            requests.problem(HttpRequest.PUT("/v1/admin/accounts/" + id(resident) + "/roles",
                    Map.of("grants", List.of(Map.of("role", "admin")))).bearerAuth(token(caller)),
                    HttpStatus.FORBIDDEN, "forbidden");
            requests.problem(HttpRequest.GET("/v1/admin/accounts").bearerAuth(token(caller)), HttpStatus.FORBIDDEN, "forbidden");
            requests.problem(HttpRequest.GET("/v1/admin/audit").bearerAuth(token(caller)), HttpStatus.FORBIDDEN, "forbidden");
        }
        requests.problem(HttpRequest.PUT("/v1/admin/accounts/" + id(resident) + "/roles",
                Map.of("grants", List.of(Map.of("role", "admin")))), HttpStatus.UNAUTHORIZED, "unauthorized");
        Map<String, Object> still = http.toBlocking().retrieve(HttpRequest.GET("/v1/me").bearerAuth(token(resident)), JSON);
        assertEquals(List.of("resident"), still.get("roles"));
    }

    @Test
    void grantsThatCannotBeAreRefusedByField() {
        String target = id(people.register("odd"));
        String admin = token(people.admin());
        Map<String, Object> problem = requests.problem(HttpRequest.PUT("/v1/admin/accounts/" + target + "/roles",
                Map.of("grants", List.of(Map.of("role", "staff"), Map.of("role", "liaison", "department", "streets"))))
                .bearerAuth(admin), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("grants[0].department", "grants[1].department"),
                io.curbside.api.testing.RequestsClient.fields(problem));
        requests.problem(HttpRequest.PUT("/v1/admin/accounts/" + target + "/roles",
                Map.of("grants", List.of(Map.of("role", "staff", "department", "no-such-department")))).bearerAuth(admin),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        requests.problem(HttpRequest.PUT("/v1/admin/accounts/" + java.util.UUID.randomUUID() + "/roles",
                Map.of("grants", List.of())).bearerAuth(admin), HttpStatus.NOT_FOUND, "not-found");
        requests.problem(HttpRequest.PUT("/v1/admin/accounts/not-a-uuid/roles",
                Map.of("grants", List.of())).bearerAuth(admin), HttpStatus.BAD_REQUEST, "invalid-parameter");
    }

    @Test
    void aRevokedRoleStopsAtOnceNotWhenTheTokenExpires() {
        Map<String, Object> staff = people.staffOf("streets");
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/v1/staff/requests").bearerAuth(token(staff)),
                JSON).getStatus());
        http.toBlocking().exchange(HttpRequest.PUT("/v1/admin/accounts/" + id(staff) + "/roles",
                Map.of("grants", List.of())).bearerAuth(token(people.admin())), JSON);
        requests.problem(HttpRequest.GET("/v1/staff/requests").bearerAuth(token(staff)), HttpStatus.FORBIDDEN, "forbidden");
        Map<String, Object> gone = people.register("gone");
        http.toBlocking().exchange(HttpRequest.POST("/v1/me/deletion", Map.of()).bearerAuth(token(gone)));
        requests.problem(HttpRequest.GET("/v1/me/requests").bearerAuth(token(gone)), HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    @Test
    void anAdminCannotDropTheirOwnAdminRole() {
        Map<String, Object> admin = people.admin();
        requests.problem(HttpRequest.PUT("/v1/admin/accounts/" + id(admin) + "/roles",
                Map.of("grants", List.of(Map.of("role", "liaison")))).bearerAuth(token(admin)),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyGrantIsInTheAuditLogWithWhoAndWhat() {
        Map<String, Object> liaison = people.liaison("audited");
        String admin = token(people.admin());
        Map<String, Object> page = http.toBlocking().retrieve(HttpRequest.GET("/v1/admin/audit?limit=200")
                .bearerAuth(admin), JSON);
        List<Map<String, Object>> entries = (List<Map<String, Object>>) page.get("entries");
        Map<String, Object> entry = entries.stream().filter(e -> id(liaison).equals(e.get("target"))).findFirst()
                .orElseThrow();
        assertEquals("account.roles", entry.get("action"));
        assertEquals(id(people.admin()), entry.get("actor"));
        Map<String, Object> details = (Map<String, Object>) entry.get("details");
        assertEquals(List.of(), details.get("before"));
        assertEquals(List.of("liaison"), details.get("after"));
        assertNotNull(entry.get("at"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminsFindAccountsByAddressAndRoleAPageAtATime() {
        for (int i = 0; i < 3; i++) {
            people.liaison("pager");
        }
        String admin = token(people.admin());
        Map<String, Object> first = http.toBlocking().retrieve(HttpRequest.GET("/v1/admin/accounts?role=liaison&email=pager&limit=2")
                .bearerAuth(admin), JSON);
        List<Map<String, Object>> accounts = (List<Map<String, Object>>) first.get("accounts");
        assertEquals(2, accounts.size());
        assertTrue(accounts.stream().allMatch(a -> ((List<?>) a.get("roles")).contains("liaison")));
        Map<String, Object> second = http.toBlocking().retrieve(HttpRequest.GET("/v1/admin/accounts?role=liaison&email=pager&limit=2&cursor="
                + first.get("next_cursor")).bearerAuth(admin), JSON);
        assertEquals(1, ((List<?>) second.get("accounts")).size());
        assertEquals(null, second.get("next_cursor"));
        requests.problem(HttpRequest.GET("/v1/admin/accounts?cursor=garbage").bearerAuth(admin),
                HttpStatus.BAD_REQUEST, "invalid-parameter");
    }
}
