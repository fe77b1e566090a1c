package io.curbside.api.following;

import io.curbside.api.requests.TrackingNumber;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static io.curbside.api.testing.RequestsClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** POST /v1/requests/{trackingNumber}/rating: once, once closed, by the reporter alone; the comment stays private. */
@MicronautTest(transactional = false)
class RatingTest extends HttpTest {

    private People people;
    private int filed;

    @BeforeAll
    void people() {
        people = new People(http);
    }

    @Test
    void theAnonymousReporterRatesWithTheReceiptTokenOnceItIsClosedAndOnlyOnce() throws Exception {
        Map<String, Object> report = requests.filed(Reports.aPothole().north(next()));
        String number = (String) report.get("tracking_number");
        String token = (String) report.get("receipt_token");
        requests.problem(rate(number, 5, null).header("Receipt-Token", token), HttpStatus.CONFLICT, "request-not-closed");
        close(number);
        String unrated = http.toBlocking().exchange(HttpRequest.GET("/v1/requests/" + number).header("Receipt-Token", token),
                String.class).getHeaders().get("ETag");

        HttpResponse<Map<String, Object>> rated = http.toBlocking().exchange(rate(number, 4, "  Quick, thanks!  ")
                .header("Receipt-Token", token), JSON);
        assertEquals(HttpStatus.CREATED, rated.getStatus());
        assertEquals(number, rated.body().get("tracking_number"));
        assertEquals(4, rated.body().get("score"));
        assertEquals("Quick, thanks!", rated.body().get("comment"));
        assertEquals(List.of(4, "Quick, thanks!"), stored(number));

        requests.problem(rate(number, 1, "Changed my mind").header("Receipt-Token", token), HttpStatus.CONFLICT,
                "already-rated");
        assertEquals(List.of(4, "Quick, thanks!"), stored(number));

        // The reporter sees it in their own view (a copy from before is stale); the public view has neither
        // score nor comment.
        Map<String, Object> own = http.toBlocking().retrieve(HttpRequest.GET("/v1/requests/" + number)
                .header("Receipt-Token", token).header("If-None-Match", unrated), JSON);
        assertEquals(Map.of("tracking_number", number, "score", 4, "comment", "Quick, thanks!",
                "rated_at", rated.body().get("rated_at")), ((Map<?, ?>) own.get("reporter")).get("rating"));
        String published = requests.raw(HttpRequest.GET("/v1/requests/" + number));
        assertFalse(published.contains("Quick, thanks") || published.contains("rating"), published);
    }

    @Test
    void theReportingAccountRatesSignedIn() throws Exception {
        Map<String, Object> ana = people.register("ana");
        String number = (String) http.toBlocking().retrieve(HttpRequest.POST("/v1/requests",
                Reports.aPothole().north(next()).json()).bearerAuth(token(ana)), JSON).get("tracking_number");
        close(number);
        assertEquals(HttpStatus.CREATED, http.toBlocking().exchange(rate(number, 2, null).bearerAuth(token(ana)), JSON)
                .getStatus());
        assertEquals(List.of(2, "null"), stored(number));
        Map<String, Object> own = http.toBlocking().retrieve(HttpRequest.GET("/v1/requests/" + number)
                .bearerAuth(token(ana)), JSON);
        assertEquals(2, ((Map<?, ?>) ((Map<?, ?>) own.get("reporter")).get("rating")).get("score"));
    }

    @Test
    void nobodyButTheReporterMayRate() throws Exception {
        Map<String, Object> report = requests.filed(Reports.aPothole().north(next()));
        String number = (String) report.get("tracking_number");
        close(number);
        Map<String, Object> stranger = people.register("bo");
        requests.problem(rate(number, 1, "Bad"), HttpStatus.FORBIDDEN, "forbidden");
        requests.problem(rate(number, 1, "Bad").bearerAuth(token(stranger)), HttpStatus.FORBIDDEN, "forbidden");
        requests.problem(rate(number, 1, "Bad").header("Receipt-Token", "not-its-token"), HttpStatus.FORBIDDEN,
                "forbidden");
        Map<String, Object> other = requests.filed(Reports.aPothole().north(next()));
        requests.problem(rate(number, 1, "Bad").header("Receipt-Token", (String) other.get("receipt_token")),
                HttpStatus.FORBIDDEN, "forbidden");
        // Following it, or saying "me too", does not make one its reporter.
        http.toBlocking().exchange(HttpRequest.PUT("/v1/requests/" + number + "/follow", Map.of())
                .bearerAuth(token(stranger)), JSON);
        requests.problem(rate(number, 1, "Bad").bearerAuth(token(stranger)), HttpStatus.FORBIDDEN, "forbidden");
        assertEquals(List.of(), stored(number));
        requests.problem(rate(TrackingNumber.random().value(), 3, null), HttpStatus.NOT_FOUND, "not-found");
    }

    @Test
    void aScoreOutOfRangeOrACommentThatIsNotTextIsRefused() throws Exception {
        Map<String, Object> report = requests.filed(Reports.aPothole().north(next()));
        String number = (String) report.get("tracking_number");
        String token = (String) report.get("receipt_token");
        close(number);
        for (int score : new int[] {0, 6, -1}) {
            assertEquals(List.of("score"), fields(requests.problem(rate(number, score, null).header("Receipt-Token", token),
                    HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields")), "score " + score);
        }
        assertEquals(List.of("comment"), fields(requests.problem(rate(number, 3, "x".repeat(1001))
                .header("Receipt-Token", token), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields")));
        assertEquals(List.of("comment"), fields(requests.problem(rate(number, 3, "nul \u0000 inside")
                .header("Receipt-Token", token), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields")));
        Map<String, Object> noScore = new HashMap<>();
        noScore.put("comment", "no score");
        requests.problem(HttpRequest.POST("/v1/requests/" + number + "/rating", noScore).header("Receipt-Token", token),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of(), stored(number));
        assertEquals(HttpStatus.CREATED, http.toBlocking().exchange(rate(number, 3, "x".repeat(1000))
                .header("Receipt-Token", token), JSON).getStatus());
    }

    @Test
    void aRetryWithItsKeyGetsTheFirstAnswer() throws Exception {
        Map<String, Object> report = requests.filed(Reports.aPothole().north(next()));
        String number = (String) report.get("tracking_number");
        String token = (String) report.get("receipt_token");
        close(number);
        String key = UUID.randomUUID().toString();
        HttpResponse<Map<String, Object>> first = http.toBlocking().exchange(rate(number, 5, "Great")
                .header("Receipt-Token", token).header("Idempotency-Key", key), JSON);
        HttpResponse<Map<String, Object>> replay = http.toBlocking().exchange(rate(number, 5, "Great")
                .header("Receipt-Token", token).header("Idempotency-Key", key), JSON);
        assertEquals(HttpStatus.CREATED, replay.getStatus());
        assertEquals("true", replay.getHeaders().get("Idempotent-Replayed"));
        assertEquals(first.body(), replay.body());
        requests.problem(rate(number, 4, "Great").header("Receipt-Token", token).header("Idempotency-Key", key),
                HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused");
    }

    @Test
    void aReopenedRequestWaitsForItsNextClosing() throws Exception {
        Map<String, Object> report = requests.filed(Reports.aPothole().north(next()));
        String number = (String) report.get("tracking_number");
        close(number);
        try (Connection c = connect()) {
            StaffChanges.reopen(c, number);
        }
        requests.problem(rate(number, 1, null).header("Receipt-Token", (String) report.get("receipt_token")),
                HttpStatus.CONFLICT, "request-not-closed");
    }

    @Test
    void theCommentIsKeptWhenItsReporterDeletesTheirAccount() throws Exception {
        Map<String, Object> cy = people.register("cy");
        String number = (String) http.toBlocking().retrieve(HttpRequest.POST("/v1/requests",
                Reports.aPothole().north(next()).json()).bearerAuth(token(cy)), JSON).get("tracking_number");
        close(number);
        http.toBlocking().exchange(rate(number, 5, "Lovely").bearerAuth(token(cy)), JSON);
        http.toBlocking().exchange(HttpRequest.POST("/v1/me/deletion", Map.of()).bearerAuth(token(cy)));
        assertEquals(List.of(5, "Lovely"), stored(number));
        assertNull(http.toBlocking().retrieve(HttpRequest.GET("/v1/requests/" + number), JSON).get("reporter"));
    }

    private double next() {
        return 300 * filed++;
    }

    private static MutableHttpRequest<Map<String, Object>> rate(String number, int score, String comment) {
        Map<String, Object> body = new HashMap<>();
        body.put("score", score);
        if (comment != null) {
            body.put("comment", comment);
        }
        return HttpRequest.POST("/v1/requests/" + number + "/rating", body);
    }

    private void close(String number) throws Exception {
        try (Connection c = connect()) {
            StaffChanges.close(c, number);
        }
    }

    /** The stored score and comment ("null" for none); empty when not rated. */
    private List<Object> stored(String number) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT g.score, g.comment FROM request_rating g JOIN service_request r ON r.id = g.request_id
                WHERE r.tracking_number = ?""")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? List.of(rs.getInt(1), String.valueOf(rs.getString(2))) : List.of();
            }
        }
    }
}
