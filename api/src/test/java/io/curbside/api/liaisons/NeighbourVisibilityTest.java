package io.curbside.api.liaisons;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.curbside.api.liaisons.Neighbours.file;
import static io.curbside.api.liaisons.Neighbours.forNeighbour;
import static io.curbside.api.liaisons.Neighbours.items;
import static io.curbside.api.liaisons.Neighbours.numbers;
import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A liaison sees and follows every request they filed, with the neighbour's details; another
 * liaison, a resident or the public never see those details, on any route.
 */
@MicronautTest(transactional = false)
class NeighbourVisibilityTest extends HttpTest {

    private static final List<String> LEES_NEIGHBOURS = List.of("Rosa Díaz", "rosa.secret@example.org",
            "614 555 0177", "Tom Hiddenname");

    private People people;
    private Neighbours neighbours;
    private Map<String, Object> lee;
    private Map<String, Object> ana;
    /** Lee's requests, oldest first. */
    private final List<String> lees = new ArrayList<>();
    private String anas;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(People.bootstrapAdmin());
        // Webhook messages are only written here, never sent: the test reads them in the outbox.
        properties.put("curbside.outbox.enabled", "false");
        return properties;
    }

    @BeforeAll
    void fileForNeighbours() throws Exception {
        people = new People(http);
        neighbours = new Neighbours(http);
        lee = people.liaison("lee");
        ana = people.liaison("ana");
        try (Connection c = connect()) {
            // A subscriber to every public event, so that filing writes the webhook messages it would send.
            c.createStatement().execute("INSERT INTO webhook_subscription (url, secret, secret_sealed, created_by) "
                    + "VALUES ('https://hooks.example.org/311', decode(repeat('ab', 32), 'hex'), false, 'test')");
        }
        lees.add(filed(lee, forNeighbour(Reports.aPothole().description("Rosa Díaz says it is deep"), "Rosa Díaz",
                "rosa.secret@example.org", "+1 614 555 0177", true)));
        lees.add(filed(lee, forNeighbour(Reports.aPothole().north(200), "Tom Hiddenname", null, null, false)));
        Map<String, Object> batch = neighbours.exchange(Neighbours.batch(List.of(forNeighbour(
                Reports.aPothole().north(400), null, null, "614 555 0177", true)), token(lee),
                UUID.randomUUID().toString())).body();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) batch.get("results");
        lees.add((String) results.get(0).get("tracking_number"));
        anas = filed(ana, forNeighbour(Reports.aPothole().north(600), "Ula Other", "ula@example.org", null, true));
    }

    private String filed(Map<String, Object> liaison, Map<String, Object> report) {
        return (String) neighbours.exchange(file(report, token(liaison), null)).body().get("tracking_number");
    }

    @Test
    void aLiaisonSeesTheirNeighboursNewestFirstWithTheirDetails() {
        Map<String, Object> page = neighbours.list(token(lee), null);
        assertEquals(List.of(lees.get(2), lees.get(1), lees.get(0)), numbers(page));
        Map<String, Object> rosa = items(page).get(2);
        assertEquals(Map.of("name", "Rosa Díaz", "email", "rosa.secret@example.org", "phone", "+1 614 555 0177",
                "consent_to_contact", true), rosa.get("neighbour"));
        assertEquals("received", rosa.get("status"));
        assertEquals("pothole", ((Map<?, ?>) rosa.get("service")).get("code"));
        assertNotNull(rosa.get("expected_at"));
        assertEquals(Map.of("name", "Tom Hiddenname", "consent_to_contact", false), items(page).get(1).get("neighbour"));
        assertNull(page.get("next_cursor"));
    }

    @Test
    void anotherLiaisonSeesNoneOfThem() {
        Map<String, Object> hers = neighbours.list(token(ana), null);
        assertEquals(List.of(anas), numbers(hers));
        String text = hers.toString();
        LEES_NEIGHBOURS.forEach(secret -> assertFalse(text.contains(secret), secret));
        Map<String, Object> his = neighbours.list(token(lee), null);
        assertFalse(numbers(his).contains(anas));
        assertFalse(his.toString().contains("Ula Other"));
    }

    @Test
    void theListPagesAndFiltersByStatus() throws Exception {
        Map<String, Object> first = neighbours.list(token(lee), "limit=2");
        assertEquals(List.of(lees.get(2), lees.get(1)), numbers(first));
        Map<String, Object> second = neighbours.list(token(lee), "limit=2&cursor=" + first.get("next_cursor"));
        assertEquals(List.of(lees.get(0)), numbers(second));
        assertNull(second.get("next_cursor"));

        try (Connection c = connect()) {
            c.createStatement().execute("UPDATE service_request SET status = 'closed', closed_at = now(), close_reason = 'fixed' "
                    + "WHERE tracking_number = '" + lees.get(1) + "'");
        }
        try {
            Map<String, Object> closed = neighbours.list(token(lee), "status=closed");
            assertEquals(List.of(lees.get(1)), numbers(closed));
            assertNotNull(items(closed).get(0).get("closed_at"));
            assertEquals(List.of(lees.get(2), lees.get(0)), numbers(neighbours.list(token(lee), "status=received")));
            assertTrue(numbers(neighbours.list(token(ana), "status=closed")).isEmpty());
        } finally {
            try (Connection c = connect()) {
                c.createStatement().execute("UPDATE service_request SET status = 'received', closed_at = NULL, close_reason = NULL "
                        + "WHERE tracking_number = '" + lees.get(1) + "'");
            }
        }
        requests.problem(HttpRequest.GET("/v1/liaison/requests?status=done").bearerAuth(token(lee)),
                HttpStatus.BAD_REQUEST, "invalid-parameter");
        requests.problem(HttpRequest.GET("/v1/liaison/requests?cursor=nonsense").bearerAuth(token(lee)),
                HttpStatus.BAD_REQUEST, "invalid-parameter");
    }

    @Test
    void onlyTheLiaisonWhoFiledItFollowsItAsItsReporter() {
        for (String number : lees) {
            Map<String, Object> his = status(number, token(lee));
            assertNotNull(his.get("reporter"), "the liaison who filed it sees the exact place and the words");
            assertEquals("liaison", ((Map<?, ?>) his.get("reporter")).get("channel"));
            assertFalse(status(number, token(ana)).containsKey("reporter"), "another liaison sees the public view");
            assertFalse(status(number, token(people.register("resident"))).containsKey("reporter"));
        }
        assertFalse(status(anas, token(lee)).containsKey("reporter"));
        // The liaison's own list of "my requests" names them as filed for a neighbour.
        Map<String, Object> mine = http.toBlocking().retrieve(HttpRequest.GET("/v1/me/requests").bearerAuth(token(lee)),
                JSON);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) mine.get("requests");
        assertEquals(3, listed.size());
        assertTrue(listed.stream().allMatch(r -> "filed_for_neighbour".equals(r.get("relation"))));
    }

    @Test
    void noPublicAnswerNorWebhookCarriesANeighboursDetails() throws Exception {
        List<String> answers = new ArrayList<>();
        for (String number : lees) {
            for (String lang : List.of("en", "es")) {
                answers.add(requests.raw(HttpRequest.GET("/v1/requests/" + number + "?lang=" + lang)));
                answers.add(requests.raw(HttpRequest.GET("/v1/requests/" + number).bearerAuth(token(ana))));
            }
        }
        String nearby = requests.raw(HttpRequest.GET("/v1/requests/nearby?service_code=pothole&lat=" + Reports.LAT
                + "&lon=" + Reports.LON + "&radius=500"));
        for (String number : lees) {
            assertTrue(nearby.contains(number), "nearby lists it: " + nearby);
        }
        answers.add(nearby);
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT payload::text FROM outbox_message WHERE channel = 'webhook'")) {
            int messages = 0;
            while (rs.next()) {
                answers.add(rs.getString(1));
                messages++;
            }
            assertTrue(messages >= 2 * lees.size(), "received and routed of each: " + messages);
        }
        for (String answer : answers) {
            for (String secret : LEES_NEIGHBOURS) {
                assertFalse(answer.contains(secret), () -> "\"" + secret + "\" in a public answer:\n" + answer);
            }
            // The name again, in case the JSON escaped its accent.
            assertFalse(answer.contains("Rosa"), answer);
        }
        // The pothole's words are public once scrubbed: the neighbour's name is taken out of them.
        assertEquals("[name] says it is deep", requests.status(lees.get(0)).get("description"));
    }

    private Map<String, Object> status(String number, String token) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/requests/" + number).bearerAuth(token), JSON);
    }
}
