package io.curbside.api.liaisons;

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
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.curbside.api.liaisons.Neighbours.file;
import static io.curbside.api.liaisons.Neighbours.forNeighbour;
import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/liaison/requests: a liaison files for a neighbour, recorded as such; no one else may. */
@MicronautTest(transactional = false)
class NeighbourFilingTest extends HttpTest {

    private People people;
    private Neighbours neighbours;
    private Map<String, Object> lee;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void people() {
        people = new People(http);
        neighbours = new Neighbours(http);
        lee = people.liaison("lee");
    }

    /** The stored row of a request, as staff would find it. */
    private Map<String, Object> row(String number) throws Exception {
        try (Connection c = connect(); var ps = c.prepareStatement("""
                SELECT channel, filed_by_account_id::text, reporter_account_id::text, contact_consent, contact_name,
                       contact_email, contact_phone FROM service_request WHERE tracking_number = ?""")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), number);
                java.util.HashMap<String, Object> row = new java.util.HashMap<>();
                for (int i = 1; i <= 7; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                return row;
            }
        }
    }

    @Test
    void aLiaisonFilesForANeighbourAndTheRequestSaysWhoFiledItForWhom() throws Exception {
        Map<String, Object> report = forNeighbour(Reports.aPothole().description("for Rosa"), "Rosa Díaz",
                "rosa@example.org", "+1 614 555 0100", true);
        // A channel in the body changes nothing: a liaison's filing is always the liaison channel.
        report.put("channel", "web");
        HttpResponse<Map<String, Object>> created = neighbours.exchange(file(report, token(lee), null));
        assertEquals(HttpStatus.CREATED, created.getStatus());
        String number = (String) created.body().get("tracking_number");
        assertTrue(((String) created.body().get("receipt_token")).length() > 10, "a token to hand to the neighbour");
        Map<String, Object> row = row(number);
        assertEquals("liaison", row.get("channel"));
        assertEquals(People.id(lee), row.get("filed_by_account_id"));
        assertNull(row.get("reporter_account_id"), "the neighbour has no account here");
        assertEquals(true, row.get("contact_consent"));
        assertEquals("Rosa Díaz", row.get("contact_name"));
        assertEquals("rosa@example.org", row.get("contact_email"));
        assertEquals("+1 614 555 0100", row.get("contact_phone"));
    }

    @Test
    void withoutConsentTheNameIsKeptButNoWayToReachTheNeighbour() throws Exception {
        Map<String, Object> refused = requests.problem(file(forNeighbour(Reports.aPothole(), "Tom", "tom@example.org",
                "614 555 0123", false), token(lee), null), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("neighbour.email", "neighbour.phone"), fields(refused));
        assertTrue(((String) refused.get("detail")).contains("consent_to_contact"), refused.toString());

        HttpResponse<Map<String, Object>> created = neighbours.exchange(file(forNeighbour(Reports.aPothole(), "Tom",
                null, null, false), token(lee), null));
        Map<String, Object> row = row((String) created.body().get("tracking_number"));
        assertEquals(false, row.get("contact_consent"));
        assertEquals("Tom", row.get("contact_name"));
        assertNull(row.get("contact_email"));
        assertNull(row.get("contact_phone"));
    }

    @Test
    void aServiceThatNeedsAContactNeedsTheNeighboursConsent() {
        Reports trash = Reports.of("missed-trash-pickup").answer("set-out-time", "2026-11-23T06:30")
                .answer("cart-location", "curb");
        Map<String, Object> refused = requests.problem(file(forNeighbour(trash, "Ann", null, "614 555 0111", false),
                token(lee), null), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("neighbour", "neighbour.phone"), fields(refused), "named as the liaison sent them");
        assertEquals(HttpStatus.CREATED, neighbours.exchange(file(forNeighbour(trash, "Ann", null, "614 555 0111", true),
                token(lee), null)).getStatus());
    }

    @Test
    void theNeighboursConsentMustBeSaid() {
        Map<String, Object> refused = requests.problem(file(forNeighbour(Reports.aPothole(), "Sam", null, null, null),
                token(lee), null), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("neighbour.consent_to_contact"), fields(refused));
        Map<String, Object> noNeighbour = Reports.aPothole().json();
        assertEquals(List.of("neighbour"), fields(requests.problem(file(noNeighbour, token(lee), null),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields")));
    }

    @Test
    void theUsualChecksApplyAndNameTheFields() {
        Map<String, Object> p = requests.problem(file(forNeighbour(Reports.of("pothole"), "Rosa", "not-an-address",
                null, true), token(lee), null), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("answers.size", "neighbour.email"), fields(p));
        requests.problem(file(forNeighbour(Reports.aPothole().at(40.3, -83.4), null, null, null, false), token(lee), null),
                HttpStatus.UNPROCESSABLE_ENTITY, "outside-jurisdiction");
    }

    @Test
    void aRetryWithTheSameKeyFilesNothingAgain() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> report = forNeighbour(Reports.aPothole().description(key), "Rosa", null, null, true);
        HttpResponse<Map<String, Object>> first = neighbours.exchange(file(report, token(lee), key));
        HttpResponse<Map<String, Object>> again = neighbours.exchange(file(report, token(lee), key));
        assertEquals(HttpStatus.CREATED, again.getStatus());
        assertEquals(first.body(), again.body());
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        try (Connection c = connect()) {
            assertEquals(1, Neighbours.rows(c, key));
        }
        Map<String, Object> changed = forNeighbour(Reports.aPothole().description(key), "Rosa", null, null, false);
        requests.problem(file(changed, token(lee), key), HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused");
        // Keys are per route: the same key on the residents' route is another request altogether.
        assertEquals(HttpStatus.CREATED, requests.file(Reports.aPothole().description(key).json(), key).getStatus());
        try (Connection c = connect()) {
            assertEquals(2, Neighbours.rows(c, key));
        }
    }

    @Test
    void onlyLiaisonsMayUseTheLiaisonRoutes() {
        Map<String, Object> report = forNeighbour(Reports.aPothole(), "Rosa", null, null, true);
        for (Map<String, Object> other : List.of(people.register("resident"), people.staffOf("streets"))) {
            requests.problem(file(report, token(other), null), HttpStatus.FORBIDDEN, "forbidden");
            requests.problem(Neighbours.batch(List.of(report), token(other), "k-" + UUID.randomUUID()),
                    HttpStatus.FORBIDDEN, "forbidden");
            requests.problem(HttpRequest.GET("/v1/liaison/requests").bearerAuth(token(other)), HttpStatus.FORBIDDEN,
                    "forbidden");
        }
        requests.problem(file(report, null, null), HttpStatus.UNAUTHORIZED, "unauthorized");
        requests.problem(Neighbours.batch(List.of(report), null, "k-" + UUID.randomUUID()), HttpStatus.UNAUTHORIZED,
                "unauthorized");
        requests.problem(HttpRequest.GET("/v1/liaison/requests"), HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    @Test
    void aLiaisonWhoseRoleIsTakenAwayStopsAtOnceThoughTheTokenStillSaysLiaison() {
        Map<String, Object> former = people.liaison("former");
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/v1/liaison/requests")
                .bearerAuth(token(former))).getStatus());
        http.toBlocking().exchange(HttpRequest.PUT("/v1/admin/accounts/" + People.id(former) + "/roles",
                Map.of("grants", List.of())).bearerAuth(token(people.admin())));
        requests.problem(HttpRequest.GET("/v1/liaison/requests").bearerAuth(token(former)), HttpStatus.FORBIDDEN,
                "forbidden");
        requests.problem(file(forNeighbour(Reports.aPothole(), "Rosa", null, null, true), token(former), null),
                HttpStatus.FORBIDDEN, "forbidden");
    }
}
