package io.curbside.api.reports;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.curbside.api.testing.RequestsClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** An Idempotency-Key opens its stored answer only to the caller that sent it first. */
@MicronautTest(transactional = false)
class IdempotencyCallersTest extends HttpTest {

    private int rows(String marker) throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM service_request WHERE description = '" + marker + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static MutableHttpRequest<Map<String, Object>> file(Map<String, Object> report, String key, String token) {
        MutableHttpRequest<Map<String, Object>> request = HttpRequest.POST("/v1/requests", report)
                .header("Idempotency-Key", key);
        return token == null ? request : request.bearerAuth(token);
    }

    private void assertNothingOfTheFirst(Map<String, Object> problem, Map<String, Object> first) {
        String told = problem.toString();
        assertFalse(told.contains((String) first.get("tracking_number")), told);
        assertFalse(told.contains((String) first.get("receipt_token")), told);
    }

    @Test
    void anotherAccountWithTheSameKeyAndReportGetsNoPartOfTheFirstAnswer() throws Exception {
        People people = new People(http);
        String first = People.token(people.register("first"));
        String other = People.token(people.register("other"));
        String key = UUID.randomUUID().toString();
        Map<String, Object> report = Reports.aPothole().description(key).json();
        Map<String, Object> answer = http.toBlocking().exchange(file(report, key, first), JSON).body();

        Map<String, Object> problem = requests.problem(file(report, key, other), HttpStatus.UNPROCESSABLE_ENTITY,
                "idempotency-key-other-caller");
        assertNothingOfTheFirst(problem, answer);
        assertEquals(1, rows(key));
    }

    @Test
    void anAnonymousCallerCannotReplayAnAccountsKeyNorTheOtherWayRound() throws Exception {
        String token = People.token(new People(http).register("resident"));
        String key = UUID.randomUUID().toString();
        Map<String, Object> report = Reports.aPothole().description(key).json();
        Map<String, Object> signedIn = http.toBlocking().exchange(file(report, key, token), JSON).body();
        assertNothingOfTheFirst(requests.problem(file(report, key, null), HttpStatus.UNPROCESSABLE_ENTITY,
                "idempotency-key-other-caller"), signedIn);

        String anonymousKey = UUID.randomUUID().toString();
        Map<String, Object> anonymousReport = Reports.aPothole().description(anonymousKey).json();
        Map<String, Object> anonymous = requests.file(anonymousReport, anonymousKey).body();
        assertNothingOfTheFirst(requests.problem(file(anonymousReport, anonymousKey, token),
                HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-other-caller"), anonymous);
        assertEquals(1, rows(key));
        assertEquals(1, rows(anonymousKey));
    }

    @Test
    void theSameCallersRetryStillReplays() throws Exception {
        String token = People.token(new People(http).register("retrier"));
        String key = UUID.randomUUID().toString();
        Map<String, Object> report = Reports.aPothole().description(key).json();
        HttpResponse<Map<String, Object>> first = http.toBlocking().exchange(file(report, key, token), JSON);
        HttpResponse<Map<String, Object>> again = http.toBlocking().exchange(file(report, key, token), JSON);
        assertEquals(HttpStatus.CREATED, again.getStatus());
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        assertEquals(first.body(), again.body());

        String anonymousKey = UUID.randomUUID().toString();
        Map<String, Object> anonymousReport = Reports.aPothole().description(anonymousKey).json();
        Map<String, Object> anonymous = requests.file(anonymousReport, anonymousKey).body();
        assertEquals(anonymous, requests.file(anonymousReport, anonymousKey).body(), "the phone's retry");
        assertEquals(1, rows(key));
        assertEquals(1, rows(anonymousKey));
    }

    @Test
    void anAnonymousKeyMustBeHardToGuess() {
        // Without an account the key is the only proof that a retry comes from the client that sent it first.
        Map<String, Object> problem = requests.problem(file(Reports.aPothole().json(), "1", null),
                HttpStatus.BAD_REQUEST, "invalid-parameter");
        assertEquals(List.of("Idempotency-Key"), RequestsClient.fields(problem));
    }
}
