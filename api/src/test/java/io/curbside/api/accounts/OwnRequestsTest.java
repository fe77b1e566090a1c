package io.curbside.api.accounts;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A resident's own requests: filed signed in, or claimed later with receipt tokens; theirs alone. */
@MicronautTest(transactional = false)
class OwnRequestsTest extends HttpTest {

    private People people;

    @BeforeAll
    void people() {
        people = new People(http);
    }

    @Test
    void aReportFiledSignedInIsTheirsAndOnlyTheyAndTheTokenSeeItsDetails() {
        Map<String, Object> ana = people.register("ana");
        String number = file(Reports.aPothole().contact("Ana", "ana@example.org", null), token(ana));
        assertEquals(List.of(number), numbers(mine(ana, null)));
        Map<String, Object> hers = status(number, token(ana));
        assertNotNull(hers.get("reporter"), "the reporter sees the exact place and their words");
        Map<String, Object> stranger = people.register("bo");
        assertNull(status(number, token(stranger)).get("reporter"), "another resident sees the public view");
        assertTrue(numbers(mine(stranger, null)).isEmpty());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anonymousReportsAreClaimedWithTheirReceiptTokens() {
        Map<String, Object> first = requests.filed(Reports.aPothole());
        Map<String, Object> second = requests.filed(Reports.aPothole().north(300));
        Map<String, Object> cy = people.register("cy");
        Map<String, Object> results = claim(cy, List.of(
                receipt(first.get("tracking_number"), first.get("receipt_token")),
                receipt(second.get("tracking_number"), "not-its-token"),
                receipt("CS-0000-0000", "whatever"),
                receipt("nonsense", "whatever")));
        assertEquals(List.of(first.get("tracking_number")), results.get("claimed"));
        List<Map<String, Object>> refused = (List<Map<String, Object>>) results.get("refused");
        assertEquals(List.of("wrong_token", "not_found", "not_found"), refused.stream().map(r -> r.get("reason")).toList());
        assertEquals(List.of(first.get("tracking_number")), numbers(mine(cy, null)));
        // Claiming again is harmless; another account cannot take it.
        assertEquals(List.of(first.get("tracking_number")), claim(cy, List.of(receipt(first.get("tracking_number"),
                first.get("receipt_token")))).get("claimed"));
        Map<String, Object> dee = people.register("dee");
        List<Map<String, Object>> taken = (List<Map<String, Object>>) claim(dee, List.of(
                receipt(first.get("tracking_number"), first.get("receipt_token")))).get("refused");
        assertEquals("claimed_by_another_account", taken.get(0).get("reason"));
        assertTrue(numbers(mine(dee, null)).isEmpty());
    }

    @Test
    void claimingNeedsASignIn() {
        requests.problem(HttpRequest.POST("/v1/me/claims", Map.of("receipts", List.of(receipt("CS-0000-0000", "x")))),
                HttpStatus.UNAUTHORIZED, "unauthorized");
        requests.problem(HttpRequest.GET("/v1/me/requests"), HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    @Test
    void myRequestsComeNewestFirstAPageAtATime() {
        Map<String, Object> ed = people.register("ed");
        List<String> filed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            filed.add(file(Reports.aPothole().north(100 * i), token(ed)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = mine(ed, cursor);
            List<String> numbers = numbers(page);
            assertTrue(numbers.size() <= 2);
            seen.addAll(numbers);
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);
        java.util.Collections.reverse(filed);
        assertEquals(filed, seen);
    }

    private String file(Reports report, String token) {
        HttpResponse<Map<String, Object>> created = http.toBlocking().exchange(HttpRequest.POST("/v1/requests",
                report.json()).bearerAuth(token), JSON);
        assertEquals(HttpStatus.CREATED, created.getStatus());
        return (String) created.body().get("tracking_number");
    }

    private Map<String, Object> status(String number, String token) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/requests/" + number).bearerAuth(token), JSON);
    }

    private Map<String, Object> mine(Map<String, Object> session, String cursor) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/me/requests?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                .bearerAuth(token(session)), JSON);
    }

    private Map<String, Object> claim(Map<String, Object> session, List<Map<String, Object>> receipts) {
        return http.toBlocking().retrieve(HttpRequest.POST("/v1/me/claims", Map.of("receipts", receipts))
                .bearerAuth(token(session)), JSON);
    }

    private static Map<String, Object> receipt(Object number, Object token) {
        return Map.of("tracking_number", number, "receipt_token", token);
    }

    @SuppressWarnings("unchecked")
    private static List<String> numbers(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("requests")).stream().map(r -> (String) r.get("tracking_number")).toList();
    }
}
