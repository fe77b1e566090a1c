package io.curbside.api.support;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * No text that is not text gets past the boundary, in any field of any body or parameter: a NUL
 * (which PostgreSQL refuses, once a 500) or a lone surrogate (once stored as "?") is a 422 naming
 * the field, or the 400 of a parameter.
 */
@MicronautTest(transactional = false)
class TextAtTheBoundaryTest extends HttpTest {

    private static final String NUL = "\\u0000";
    private static final String LONE = "\\udc00";

    private String admin;
    private String streets;
    private String number;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void people() {
        People people = new People(http);
        admin = token(people.admin());
        streets = token(people.staffOf("streets"));
        number = (String) requests.filed(Reports.aPothole()).get("tracking_number");
    }

    @Test
    void aNulIsRefusedByNameWhereverItIs() {
        assertEquals(List.of("display_name"), refused(json("POST", "/v1/accounts",
                "{\"email\":\"nul@example.org\",\"password\":\"long enough password\",\"display_name\":\"Al" + NUL + "\"}")));
        assertEquals(List.of("reason"), refused(json("POST", "/v1/staff/requests/" + number + "/assignment",
                "{\"department\":\"code-enforcement\",\"reason\":\"not ours" + NUL + "\"}").bearerAuth(streets)));
        assertEquals(List.of("text"), refused(json("POST", "/v1/staff/requests/" + number + "/notes",
                "{\"text\":\"seen" + NUL + "\",\"public\":false}").bearerAuth(streets)));
        assertEquals(List.of("name.en"), refused(json("PUT", "/v1/admin/departments/bridges",
                "{\"name\":{\"en\":\"Bridges" + NUL + "\"}}").bearerAuth(admin)));
        assertEquals(List.of("name.es"), refused(json("PUT", "/v1/admin/groups/bridges",
                "{\"name\":{\"en\":\"Bridges\",\"es\":\"Puentes" + NUL + "\"}}").bearerAuth(admin)));
        assertEquals(List.of("name"), refused(json("POST", "/v1/admin/api-keys", "{\"name\":\"app" + NUL + "\"}")
                .bearerAuth(admin)));
        assertEquals(List.of("name.en"), refused(json("PUT", "/v1/admin/services/pothole",
                "{\"name\":{\"en\":\"Pothole" + NUL + "\"}}").bearerAuth(admin)));
        assertEquals(List.of("q"), fields(requests.problem(HttpRequest.GET("/v1/services?q=a%00b"),
                HttpStatus.BAD_REQUEST, "invalid-parameter")));
    }

    @Test
    void aPasswordOfLoneSurrogatesIsNotQuestionMarks() {
        Map<String, Object> problem = requests.problem(json("POST", "/v1/accounts",
                "{\"email\":\"lone@example.org\",\"password\":\"" + LONE.repeat(12) + "\",\"display_name\":\"Lo\"}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("password"), fields(problem));
    }

    @Test
    void everyFaultyFieldIsNamedAtOnce() {
        assertEquals(List.of("display_name", "password"), refused(json("POST", "/v1/accounts",
                "{\"email\":\"both@example.org\",\"password\":\"" + LONE.repeat(12) + "\",\"display_name\":\"" + NUL
                        + "\"}")));
    }

    private List<String> refused(MutableHttpRequest<String> request) {
        return fields(requests.problem(request, HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields"));
    }

    private static MutableHttpRequest<String> json(String method, String uri, String body) {
        MutableHttpRequest<String> request = method.equals("PUT") ? HttpRequest.PUT(uri, body) : HttpRequest.POST(uri, body);
        return request.contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
