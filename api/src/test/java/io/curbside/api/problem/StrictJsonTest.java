package io.curbside.api.problem;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
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

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every JSON body is read strictly, so that Curbside and any proxy, log or client reading the same
 * bytes agree on what they say: one document, each key once, each value of its field's JSON type.
 */
@MicronautTest(transactional = false)
class StrictJsonTest extends HttpTest {

    private String streets;
    private String number;
    private String receipt;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void staff() {
        streets = token(new People(http).staffOf("streets"));
        Map<String, Object> report = requests.filed(Reports.aPothole());
        number = (String) report.get("tracking_number");
        receipt = (String) report.get("receipt_token");
    }

    @Test
    void aSingleItemArrayIsNotTheStringItHolds() {
        Map<String, Object> problem = requests.problem(json("/v1/auth/login",
                "{\"email\":[\"" + People.ADMIN_EMAIL + "\"],\"password\":\"" + People.ADMIN_PASSWORD + "\"}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("email"), fields(problem));
        assertEquals("must be a string", message(problem));
    }

    @Test
    void aFractionIsNotAWholeNumber() {
        Map<String, Object> problem = requests.problem(json("/v1/requests/" + number + "/rating", "{\"score\":2.5}").header("Receipt-Token", receipt),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("score"), fields(problem));
        assertEquals("must be a whole number", message(problem));
    }

    @Test
    void aNumberTooLongToWriteOutIsRefusedAtOnce() {
        // Each is a few bytes; writing out 1e40000000 to compare it with a whole number's range took minutes.
        for (String score : List.of("1e40000000", "1e10000000", "-1e-10000000", "1.5e200")) {
            long started = System.nanoTime();
            Map<String, Object> problem = requests.problem(json("/v1/requests/" + number + "/rating",
                    "{\"score\":" + score + "}").header("Receipt-Token", receipt), HttpStatus.UNPROCESSABLE_ENTITY,
                    "invalid-fields");
            assertEquals(List.of("score"), fields(problem), score);
            assertTrue(System.nanoTime() - started < 5_000_000_000L, score + " took over 5 s");
        }
    }

    @Test
    void aWordIsNotABooleanNorANumber() {
        Map<String, Object> yes = requests.problem(json("/v1/staff/requests/" + number + "/notes",
                "{\"text\":\"Seen it\",\"public\":\"yes\"}").bearerAuth(streets), HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-fields");
        assertEquals(List.of("public"), fields(yes));
        assertEquals("must be true or false", message(yes));
        Map<String, Object> four = requests.problem(json("/v1/requests/" + number + "/rating", "{\"score\":\"4\"}").header("Receipt-Token", receipt),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("score"), fields(four));
        Map<String, Object> email = requests.problem(json("/v1/auth/login", "{\"email\":5,\"password\":\"x\"}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("email"), fields(email));
    }

    @Test
    void aLoneValueIsNotAnArray() {
        Map<String, Object> problem = requests.problem(json("/v1/me/claims", "{\"receipts\":{}}")
                .bearerAuth(streets), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("receipts"), fields(problem));
        assertEquals("must be an array", message(problem));
    }

    @Test
    void whatFollowsTheDocumentIsRefused() {
        String login = "{\"email\":\"" + People.ADMIN_EMAIL + "\",\"password\":\"" + People.ADMIN_PASSWORD + "\"}";
        for (String body : List.of(login + " garbage", login + login, login + " {\"email\":\"x\"}", login + "]")) {
            Map<String, Object> problem = requests.problem(json("/v1/auth/login", body), HttpStatus.BAD_REQUEST,
                    "invalid-body");
            assertTrue(((String) problem.get("detail")).contains("more after the JSON document"), problem::toString);
        }
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        Map<String, Object> problem = requests.problem(json("/v1/auth/login", "{\"email\":\"" + People.ADMIN_EMAIL
                + "\",\"password\":\"wrong\",\"password\":\"" + People.ADMIN_PASSWORD + "\"}"),
                HttpStatus.BAD_REQUEST, "invalid-body");
        assertEquals(List.of("password"), fields(problem));
        Map<String, Object> nested = requests.problem(json("/v1/requests", "{\"service_code\":\"pothole\","
                + "\"location\":{\"lat\":39.99,\"lon\":-82.99,\"lat\":40.5}}"), HttpStatus.BAD_REQUEST, "invalid-body");
        assertEquals(List.of("location.lat"), fields(nested));
    }

    @Test
    void noRefusalShowsJavaOrJacksonInternals() {
        for (String body : List.of("{\"email\":[\"a\"]}", "{\"a\":1}{", "{\"a\":1,\"a\":2}", "{\"email\":\"\\u0000\"}",
                "{\"email\":1e999999}", "[")) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(json("/v1/auth/login", body), String.class));
            String answer = e.getResponse().getBody(String.class).orElse("");
            assertTrue(e.getStatus().getCode() == 400 || e.getStatus().getCode() == 422, body + " answered " + answer);
            for (String leak : List.of("io.curbside", "java.", "com.fasterxml", "io.micronaut", "Cannot deserialize",
                    "Error decoding", "Duplicate field", "Unexpected character")) {
                assertFalse(answer.contains(leak), body + " answered " + answer);
            }
        }
    }

    private static MutableHttpRequest<String> json(String uri, String body) {
        return HttpRequest.POST(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @SuppressWarnings("unchecked")
    private static String message(Map<String, Object> problem) {
        return (String) ((List<Map<String, Object>>) problem.get("violations")).get(0).get("message");
    }
}
