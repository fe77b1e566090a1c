package io.curbside.api.problem;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.curbside.api.testing.People.id;
import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static io.curbside.api.testing.RequestsClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A body of the wrong shape is the client's problem, told by the field's JSON path: a null in an
 * array, a value no enum has, a word where a number goes (422); broken JSON is a 400. Never a 5xx,
 * never a Java name.
 */
@MicronautTest(transactional = false)
class UnreadableBodiesTest extends HttpTest {

    /** What a serializer's or framework's own message would give away. */
    private static final List<String> INTERNALS = List.of("io.curbside", "java.", "com.fasterxml", "io.micronaut",
            "Cannot deserialize", "Error decoding");

    private String resident;
    private String admin;
    private String liaison;
    private String rolesUri;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void people() {
        People people = new People(http);
        Map<String, Object> someone = people.register("ruth");
        resident = token(someone);
        admin = token(people.admin());
        liaison = token(people.liaison("lia"));
        rolesUri = "/v1/admin/accounts/" + id(someone) + "/roles";
    }

    @Test
    void aNullInAnyArrayIsNamedByItsIndex() {
        assertEquals(List.of("receipts[0]"), fields(problem(post("/v1/me/claims", "{\"receipts\":[null]}", resident),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields")));
        assertEquals(List.of("grants[1]"), fields(problem(put(rolesUri, "{\"grants\":[{\"role\":\"liaison\"},null]}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields")));
        assertEquals(List.of("requests[0]"), fields(problem(post("/v1/liaison/batches", "{\"requests\":[null]}", liaison)
                        .header("Idempotency-Key", UUID.randomUUID().toString()),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields")));
    }

    @Test
    void aValueNoEnumHasIsNamedWithTheValuesItMayTake() {
        Map<String, Object> channel = problem(post("/v1/requests",
                "{\"service_code\":\"pothole\",\"location\":{\"lat\":39.99,\"lon\":-82.99},\"channel\":\"mobile\"}", null),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("channel"), fields(channel));
        assertTrue(message(channel).contains("mobile_app") && message(channel).contains("walk_in"), channel::toString);

        Map<String, Object> role = problem(put(rolesUri, "{\"grants\":[{\"role\":\"emperor\"}]}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("grants[0].role"), fields(role));
        assertTrue(message(role).contains("liaison"), role::toString);
    }

    @Test
    void aWrongTypeIsNamedByItsPath() {
        Map<String, Object> lat = problem(post("/v1/requests",
                "{\"service_code\":\"pothole\",\"location\":{\"lat\":\"x\",\"lon\":-82.99}}", null),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("location.lat"), fields(lat));
        // A lone value is not an array of one.
        Map<String, Object> receipts = problem(post("/v1/me/claims", "{\"receipts\":\"x\"}", resident),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("receipts"), fields(receipts));
        assertEquals("must be an array", message(receipts));
        Map<String, Object> item = problem(post("/v1/me/claims", "{\"receipts\":[\"x\"]}", resident),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("receipts[0]"), fields(item));
        assertEquals("must be an object", message(item));
    }

    @Test
    void noUnreadableBodyShowsJavaOrJacksonInternals() {
        List<MutableHttpRequest<String>> bad = List.of(
                post("/v1/requests", "{\"service_code\":\"pothole\",\"location\":{\"lat\":\"x\",\"lon\":1}}", null),
                post("/v1/requests", "{\"service_code\":\"pothole\",\"location\":\"x\"}", null),
                post("/v1/requests", "{\"service_code\":\"pothole\",\"answers\":[1]}", null),
                post("/v1/requests", "[1, 2]", null),
                post("/v1/requests", "{\"service_code\":", null),
                post("/v1/me/claims", "{\"receipts\":\"x\"}", resident),
                post("/v1/me/claims", "{\"receipts\":[1]}", resident),
                post("/v1/me/claims", "{\"receipts\":[{\"tracking_number\":{}}]}", resident),
                post("/v1/me/claims", "nonsense", resident),
                put(rolesUri, "{\"grants\":{\"role\":\"admin\"}}"),
                put(rolesUri, "{\"grants\":[{\"role\":\"staff\",\"department\":[]}]}"),
                put(rolesUri, "{\"grants\":[{\"role\":"),
                post("/v1/liaison/batches", "{\"requests\":\"x\"}", liaison),
                post("/v1/liaison/batches", "{\"requests\":[[]]}", liaison));
        for (MutableHttpRequest<String> request : bad) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(request, String.class), request::toString);
            String body = e.getResponse().getBody(String.class).orElse("");
            String what = request.getPath() + " " + request.getBody().orElse("") + " answered " + body;
            // Broken JSON is a 400; a well-formed body with a value of the wrong type a 422 naming it.
            assertTrue(e.getStatus() == HttpStatus.BAD_REQUEST && body.contains("urn:curbside:problem:invalid-body")
                    || e.getStatus() == HttpStatus.UNPROCESSABLE_ENTITY
                    && body.contains("urn:curbside:problem:invalid-fields"), what);
            assertEquals("application/problem+json", e.getResponse().getContentType().map(MediaType::toString)
                    .orElse(""), what);
            INTERNALS.forEach(leak -> assertFalse(body.contains(leak), what));
        }
    }

    @Test
    void aBatchItemOfTheWrongShapeIsRefusedWithoutJavaNames() {
        String body = http.toBlocking().retrieve(post("/v1/liaison/batches", "{\"requests\":[{\"service_code\":"
                        + "\"pothole\",\"location\":{\"lat\":\"x\",\"lon\":1},\"neighbour\":{\"name\":\"Al\"}}]}", liaison)
                .header("Idempotency-Key", UUID.randomUUID().toString()), String.class);
        assertTrue(body.contains("location.lat"), body);
        INTERNALS.forEach(leak -> assertFalse(body.contains(leak), body));
    }

    private MutableHttpRequest<String> post(String uri, String body, String token) {
        MutableHttpRequest<String> request = HttpRequest.POST(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE);
        return token == null ? request : request.bearerAuth(token);
    }

    private MutableHttpRequest<String> put(String uri, String body) {
        return HttpRequest.PUT(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(admin);
    }

    private Map<String, Object> problem(HttpRequest<?> request, HttpStatus status, String type) {
        return requests.problem(request, status, type);
    }

    @SuppressWarnings("unchecked")
    private static String message(Map<String, Object> problem) {
        return (String) ((List<Map<String, Object>>) problem.get("violations")).get(0).get("message");
    }
}
