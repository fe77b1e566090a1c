package io.curbside.api.liaisons;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.curbside.api.liaisons.Neighbours.batch;
import static io.curbside.api.liaisons.Neighbours.forNeighbour;
import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /v1/liaison/batches: each item filed or refused on its own; the batch idempotent as a
 * whole, and each item on its own, so a retry after a batch was cut off files nothing twice.
 */
@MicronautTest(transactional = false)
class NeighbourBatchTest extends HttpTest {

    private Neighbours neighbours;
    private Map<String, Object> lee;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void people() {
        neighbours = new Neighbours(http);
        lee = new People(http).liaison("lee");
    }

    private static Map<String, Object> pothole(String marker) {
        return forNeighbour(Reports.aPothole().description(marker), "Rosa", null, "614 555 0100", true);
    }

    private int rows(String marker) throws Exception {
        try (Connection c = connect()) {
            return Neighbours.rows(c, marker);
        }
    }

    private String numberOf(String marker) throws Exception {
        try (Connection c = connect(); var ps = c.prepareStatement(
                "SELECT tracking_number FROM service_request WHERE description = ? AND filed_by_account_id = ?::uuid")) {
            ps.setString(1, marker);
            ps.setString(2, People.id(lee));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), marker);
                return rs.getString(1);
            }
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = connect()) {
            c.createStatement().execute(statement);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(HttpResponse<Map<String, Object>> answer) {
        return (List<Map<String, Object>>) answer.body().get("results");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problem(Map<String, Object> result) {
        return (Map<String, Object>) result.get("problem");
    }

    @Test
    void eachItemIsFiledOrRefusedOnItsOwn() throws Exception {
        String marker = "batch-" + UUID.randomUUID();
        Map<String, Object> tooFarNorth = pothole(marker + "-lat");
        tooFarNorth.put("location", Map.of("lat", 200, "lon", -82.99));
        Map<String, Object> unreadable = pothole(marker + "-unreadable");
        unreadable.put("location", "by the school");
        Map<String, Object> noConsentSaid = forNeighbour(Reports.aPothole().description(marker + "-consent"), "Ann",
                null, null, null);
        List<Map<String, Object>> items = new ArrayList<>(List.of(
                pothole(marker),
                forNeighbour(Reports.of("pothole").description(marker + "-size"), "Bo", null, null, false),
                forNeighbour(Reports.aPothole().description(marker + "-email"), "Cy", "cy@example.org", null, false),
                forNeighbour(Reports.aPothole().at(40.3, -83.4).description(marker + "-outside"), null, null, null, false),
                noConsentSaid, tooFarNorth, unreadable,
                forNeighbour(Reports.of("no-such-service").description(marker + "-service"), null, null, null, true),
                forNeighbour(Reports.aPothole().north(300).description(marker), "Dee", "dee@example.org", null, true)));
        // An object of the wrong shape is refused alone; a null item is no object and refuses the batch (UnreadableBodiesTest).
        items.add(4, Map.of("neighbour", "next door"));
        HttpResponse<Map<String, Object>> answer = neighbours.exchange(batch(items, token(lee), UUID.randomUUID().toString()));

        assertEquals(HttpStatus.OK, answer.getStatus());
        assertEquals(2, answer.body().get("filed"));
        assertEquals(8, answer.body().get("refused"));
        List<Map<String, Object>> results = results(answer);
        assertEquals(10, results.size());
        for (int i = 0; i < results.size(); i++) {
            assertEquals(i, results.get(i).get("index"));
        }
        for (int filed : List.of(0, 9)) {
            Map<String, Object> r = results.get(filed);
            assertEquals("filed", r.get("outcome"));
            assertTrue(((String) r.get("url")).endsWith("/v1/requests/" + r.get("tracking_number")), r.toString());
            assertNotNull(r.get("receipt_token"));
            assertNotNull(r.get("expected_at"));
            assertNull(r.get("problem"));
        }
        assertEquals(List.of("answers.size"), fields(problem(results.get(1))));
        assertEquals(List.of("neighbour.email"), fields(problem(results.get(2))));
        assertEquals("urn:curbside:problem:outside-jurisdiction", problem(results.get(3)).get("type"));
        assertEquals("urn:curbside:problem:invalid-fields", problem(results.get(4)).get("type"), "an unreadable item");
        assertEquals(List.of("neighbour"), fields(problem(results.get(4))));
        assertEquals(List.of("neighbour.consent_to_contact"), fields(problem(results.get(5))));
        assertEquals(List.of("location.lat"), fields(problem(results.get(6))));
        assertEquals(List.of("location"), fields(problem(results.get(7))));
        assertEquals(List.of("service_code"), fields(problem(results.get(8))));
        for (int refused = 1; refused <= 8; refused++) {
            Map<String, Object> r = results.get(refused);
            assertEquals("refused", r.get("outcome"));
            assertNull(r.get("tracking_number"));
            assertNotNull(problem(r).get("detail"), r.toString());
        }
        assertEquals(2, rows(marker), "only the good ones are filed");
        for (String refused : List.of("-size", "-email", "-outside", "-consent", "-lat", "-unreadable", "-service")) {
            assertEquals(0, rows(marker + refused), refused);
        }
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT channel, contact_consent, "
                + "filed_by_account_id::text FROM service_request WHERE tracking_number = '" + results.get(9).get("tracking_number") + "'")) {
            assertTrue(rs.next());
            assertEquals("liaison", rs.getString(1));
            assertTrue(rs.getBoolean(2));
            assertEquals(People.id(lee), rs.getString(3));
        }
    }

    @Test
    void aReplayedBatchAnswersTheSameAndFilesNothingMore() throws Exception {
        String marker = "replay-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        List<Map<String, Object>> items = List.of(pothole(marker), pothole(marker + "-bad"));
        items.get(1).remove("answers");
        HttpResponse<Map<String, Object>> first = neighbours.exchange(batch(items, token(lee), key));
        assertNull(first.getHeaders().get("Idempotent-Replayed"));
        // The same batch, its objects' keys in another order: still the same batch.
        List<Map<String, Object>> reordered = new ArrayList<>();
        for (Map<String, Object> item : items) {
            List<String> names = new ArrayList<>(item.keySet());
            Collections.reverse(names);
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            names.forEach(n -> copy.put(n, item.get(n)));
            reordered.add(copy);
        }
        HttpResponse<Map<String, Object>> again = neighbours.exchange(batch(reordered, token(lee), key));
        assertEquals(HttpStatus.OK, again.getStatus());
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        assertEquals(first.body(), again.body(), "the same tracking number, receipt token and refusal");
        assertEquals(1, rows(marker));
        assertEquals(0, rows(marker + "-bad"));

        requests.problem(batch(List.of(pothole(marker), pothole(marker + "-other")), token(lee), key),
                HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused");
        assertEquals(1, rows(marker));
        assertEquals(0, rows(marker + "-other"));
    }

    @Test
    void aBatchCutOffHalfWayIsSentAgainAndFilesNothingTwice() throws Exception {
        String marker = "crash-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        List<Map<String, Object>> items = List.of(pothole(marker + "-a"), pothole(marker + "-b"), pothole(marker + "-c"));
        // The database fails on the second item, as a node would that dies half way through.
        sql("CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.description = '" + marker + "-b' THEN RAISE EXCEPTION 'the disk is full'; END IF; "
                + "RETURN NEW; END $$");
        sql("CREATE TRIGGER fail_once BEFORE INSERT ON service_request FOR EACH ROW EXECUTE FUNCTION fail_once()");
        try {
            HttpClientResponseException cut = assertThrows(HttpClientResponseException.class,
                    () -> neighbours.exchange(batch(items, token(lee), key)));
            assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, cut.getStatus());
        } finally {
            sql("DROP TRIGGER fail_once ON service_request; DROP FUNCTION fail_once()");
        }
        assertEquals(1, rows(marker + "-a"), "the first item was filed before the failure");
        assertEquals(0, rows(marker + "-b"));
        assertEquals(0, rows(marker + "-c"));
        String first = numberOf(marker + "-a");

        HttpResponse<Map<String, Object>> retried = neighbours.exchange(batch(items, token(lee), key));
        assertEquals(HttpStatus.OK, retried.getStatus());
        assertNull(retried.getHeaders().get("Idempotent-Replayed"), "the batch itself had no answer yet");
        assertEquals(3, retried.body().get("filed"));
        List<Map<String, Object>> results = results(retried);
        assertEquals(first, results.get(0).get("tracking_number"), "the item already filed answers as it did");
        assertEquals(numberOf(marker + "-b"), results.get(1).get("tracking_number"));
        assertEquals(numberOf(marker + "-c"), results.get(2).get("tracking_number"));
        for (String item : List.of("-a", "-b", "-c")) {
            assertEquals(1, rows(marker + item), item);
        }
        assertEquals(retried.body(), neighbours.exchange(batch(items, token(lee), key)).body());
        for (String item : List.of("-a", "-b", "-c")) {
            assertEquals(1, rows(marker + item), item);
        }
    }

    @Test
    void aBatchCutOffAndThenChangedDoesNotFileTheSameItemTwice() throws Exception {
        String marker = "changed-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        sql("CREATE FUNCTION fail_second() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.description = '" + marker + "-b' THEN RAISE EXCEPTION 'the disk is full'; END IF; "
                + "RETURN NEW; END $$");
        sql("CREATE TRIGGER fail_second BEFORE INSERT ON service_request FOR EACH ROW EXECUTE FUNCTION fail_second()");
        try {
            assertThrows(HttpClientResponseException.class, () -> neighbours.exchange(batch(
                    List.of(pothole(marker + "-a"), pothole(marker + "-b")), token(lee), key)));
        } finally {
            sql("DROP TRIGGER fail_second ON service_request; DROP FUNCTION fail_second()");
        }
        // The liaison, not knowing the first item went through, corrects it and sends the batch again.
        Map<String, Object> corrected = pothole(marker + "-a");
        corrected.put("answers", Map.of("size", "small"));
        HttpResponse<Map<String, Object>> answer = neighbours.exchange(batch(List.of(corrected, pothole(marker + "-b")),
                token(lee), key));
        List<Map<String, Object>> results = results(answer);
        assertEquals("refused", results.get(0).get("outcome"));
        assertEquals("urn:curbside:problem:idempotency-key-reused", problem(results.get(0)).get("type"));
        assertEquals("filed", results.get(1).get("outcome"));
        assertEquals(1, rows(marker + "-a"));
        assertEquals(1, rows(marker + "-b"));
    }

    @Test
    void theEnvelopeAloneCanRefuseTheWholeBatch() throws Exception {
        String marker = "envelope-" + UUID.randomUUID();
        requests.problem(batch(List.of(pothole(marker)), token(lee), null), HttpStatus.BAD_REQUEST, "invalid-parameter");
        List<Map<String, Object>> tooMany = Collections.nCopies(51, pothole(marker));
        assertEquals(List.of("requests"), fields(requests.problem(batch(tooMany, token(lee), UUID.randomUUID().toString()),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields")));
        assertEquals(List.of("requests"), fields(requests.problem(batch(List.of(), token(lee), UUID.randomUUID().toString()),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields")));
        assertEquals(0, rows(marker));
        HttpResponse<Map<String, Object>> fifty = neighbours.exchange(batch(Collections.nCopies(50, pothole(marker)),
                token(lee), UUID.randomUUID().toString()));
        assertEquals(50, fifty.body().get("filed"));
        assertEquals(50, rows(marker));
    }
}
