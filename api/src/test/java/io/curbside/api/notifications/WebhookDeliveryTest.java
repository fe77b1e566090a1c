package io.curbside.api.notifications;

import io.curbside.api.i18n.Letter;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.testing.Reports;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Public request events reach matching webhook subscriptions, signed, with public data only. */
@MicronautTest(transactional = false)
class WebhookDeliveryTest extends NotificationTest {

    @Inject
    Outbox outbox;

    @Inject
    SecretSeal seal;

    @Override
    Map<String, String> settings() {
        // This class stores secrets sealed; the other classes keep them as they are.
        return Map.of("curbside.webhooks.secret-key", Base64.getEncoder().encodeToString(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
                30, 31, 32}));
    }

    @Test
    void aPublicEventReachesTheSubscriberSignedAndWithNothingPrivate() throws Exception {
        WebhookReceiver receiver = subscribed(WebhookSubscriptions.Filters.all());
        Map<String, Object> filed = requests.filed(Reports.aPothole().north(50)
                .contact("Zed Secretname", "zed.secret@example.org", "+1 614 555 0199")
                .description("Deep hole outside the Secretname house")
                .whereExactly("in front of 12 Hiddenway Street")
                .with("device_id", "device-hidden-4711"));
        String number = (String) filed.get("tracking_number");
        assertEquals(2, worker.runOnce(), "received and routed");
        event(number, "acknowledged", "acknowledged", true, "Crew scheduled for Tuesday");
        event(number, "staff_note", "acknowledged", false, "Call the reporter back about the dog");
        assertEquals(1, worker.runOnce());
        assertEquals(0, worker.runOnce());

        List<WebhookReceiver.Delivery> deliveries = receiver.deliveries();
        assertEquals(3, deliveries.size());
        long now = Instant.now().getEpochSecond();
        for (WebhookReceiver.Delivery d : deliveries) {
            assertTrue(d.signatureValid(), () -> "signature of " + d);
            assertTrue(d.id().startsWith("msg_"), d.id());
            assertTrue(Math.abs(now - d.timestamp()) < 60, "webhook-timestamp is now, in seconds");
            for (String secret : List.of("Zed", "Secretname", "zed.secret", "555", "Hiddenway", "Deep hole", "4711",
                    "dog", String.valueOf(Reports.LAT).substring(0, 6), String.valueOf(Reports.LON).substring(0, 7),
                    (String) filed.get("receipt_token"))) {
                assertFalse(d.body().contains(secret), () -> d.body() + " shows " + secret);
            }
        }
        assertEquals(3, deliveries.stream().map(WebhookReceiver.Delivery::id).distinct().count());
        List<Map<String, Object>> bodies = deliveries.stream().map(d -> parse(d.body())).toList();
        // One pass sends its batch at once, so the filing's two events may arrive in either order.
        assertEquals(Set.of("service_request.received", "service_request.routed"),
                Set.of(bodies.get(0).get("type"), bodies.get(1).get("type")));
        assertEquals("service_request.acknowledged", bodies.get(2).get("type"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) bodies.get(2).get("data");
        assertEquals(Set.of("tracking_number", "service_code", "department_code", "status", "event", "note", "at"),
                data.keySet());
        assertEquals(number, data.get("tracking_number"));
        assertEquals("pothole", data.get("service_code"));
        assertEquals("streets", data.get("department_code"));
        assertEquals("acknowledged", data.get("status"));
        assertEquals("acknowledged", data.get("event"));
        assertEquals("Crew scheduled for Tuesday", data.get("note"));
        assertTrue(Instant.parse((String) data.get("at")).isBefore(Instant.now().plusSeconds(1)));
        assertEquals(data.get("at"), bodies.get(2).get("timestamp"));
        assertEquals(3, count("""
                SELECT count(*) FROM outbox_message m JOIN request_event e ON e.id = m.event_id
                JOIN service_request r ON r.id = e.request_id
                WHERE r.tracking_number = ? AND m.delivered_at IS NOT NULL AND m.attempts = 1""", number));
    }

    private static final String NOTE = "Crew sent to 1002 Quillan St; thanks Dmitri Y. ((870) 711-8617)";

    @Test
    void aStaffNoteReachesSubscribersAsThePublicReadsIt() throws Exception {
        WebhookReceiver receiver = subscribed(WebhookSubscriptions.Filters.all());
        String number = acknowledged(Reports.aPothole().north(300));
        assertEquals(3, drain(), "received, routed, acknowledged");
        String note = (String) acknowledgedData(receiver, number).get("note");
        assertTrue(note.startsWith("Crew sent to "), note);
        for (String secret : List.of("1002", "Quillan", "870", "711", "8617", "Dmitri")) {
            assertFalse(note.contains(secret), () -> note + " shows " + secret);
        }
        assertTrue(receiver.deliveries().stream().allMatch(WebhookReceiver.Delivery::signatureValid),
                "the body sent is the body signed");
    }

    @Test
    void aSensitiveRequestsEventsCarryNoText() throws Exception {
        WebhookReceiver receiver = subscribed(WebhookSubscriptions.Filters.all());
        String number = acknowledged(Reports.of("encampment-concern").answer("concern", List.of("blocking")));
        assertEquals(3, drain(), "received, routed, acknowledged");
        Map<String, Object> data = acknowledgedData(receiver, number);
        assertTrue(data.containsKey("note"), () -> "the body keeps its shape: " + data);
        assertEquals(null, data.get("note"), () -> "a sensitive request publishes no text: " + data);
    }

    @Test
    void aWithheldRequestIsNeverAnnounced() throws Exception {
        WebhookReceiver receiver = subscribed(WebhookSubscriptions.Filters.all());
        String number = acknowledged(Reports.of("welfare-concern").answer("who", "older-adult")
                .answer("noticed", "Mail piling up for a week"));
        assertEquals(0, drain());
        assertEquals(List.of(), receiver.deliveries());
        assertEquals(3, count("""
                SELECT count(*) FROM outbox_message m JOIN request_event e ON e.id = m.event_id
                JOIN service_request r ON r.id = e.request_id
                WHERE r.tracking_number = ? AND m.delivered_at IS NULL AND m.gave_up_at IS NOT NULL
                  AND m.last_error LIKE 'not published%'""", number),
                "its three messages are finished, never sent");
    }

    /** Files the report with a reporter's name and acknowledges it with a note naming a house, a phone and them. */
    private String acknowledged(Reports report) throws Exception {
        String number = file(report.contact("Dmitri Yablonski", "dmitri@example.org", "+1 870 711 8617"));
        event(number, "acknowledged", "acknowledged", true, NOTE);
        return number;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> acknowledgedData(WebhookReceiver receiver, String number) {
        return receiver.deliveries().stream().map(d -> (Map<String, Object>) parse(d.body()).get("data"))
                .filter(d -> number.equals(d.get("tracking_number")) && "acknowledged".equals(d.get("event")))
                .findFirst().orElseThrow(() -> new AssertionError("no acknowledged event of " + number));
    }

    @Test
    void filtersPickTheRequestsASubscriptionHearsOf() throws Exception {
        WebhookReceiver streets = subscribed(new WebhookSubscriptions.Filters(List.of(), List.of("streets")));
        WebhookReceiver graffiti = subscribed(new WebhookSubscriptions.Filters(List.of("graffiti"), List.of()));
        WebhookReceiver both = subscribed(new WebhookSubscriptions.Filters(List.of("pothole"), List.of("sanitation")));
        file(Reports.aPothole().north(100));
        assertEquals(2, drain());
        assertEquals(2, streets.deliveries().size());
        assertEquals(0, graffiti.deliveries().size());
        assertEquals(0, both.deliveries().size(), "a request must match both lists");
    }

    @Test
    void theSecretIsShownOnceAndKeptToSignWith() throws Exception {
        WebhookSubscriptions.Created created = subscriptions.create("http://127.0.0.1:9/hook",
                new WebhookSubscriptions.Filters(List.of("pothole", "pothole"), null), "staff:ana");
        assertTrue(created.secret().startsWith("whsec_"));
        byte[] key = Base64.getDecoder().decode(created.secret().substring(6));
        assertEquals(32, key.length);
        assertFalse(created.toString().contains(created.secret().substring(6)));
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT secret, secret_sealed, service_codes::text, created_by FROM webhook_subscription WHERE id = ?")) {
            ps.setLong(1, created.subscription().id());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                byte[] stored = rs.getBytes(1);
                assertTrue(rs.getBoolean(2));
                assertFalse(Base64.getEncoder().encodeToString(stored).contains(created.secret().substring(6)),
                        "the database does not hold the secret in the clear");
                assertArrayEquals(key, seal.open(stored, true).orElseThrow(), "but Curbside can sign with it");
                assertEquals("{pothole}", rs.getString(3));
                assertEquals("staff:ana", rs.getString(4));
            }
        }
        WebhookSubscription listed = subscriptions.list().stream()
                .filter(s -> s.id() == created.subscription().id()).findFirst().orElseThrow();
        assertEquals(created.subscription(), listed);
        assertTrue(listed.active());
        assertFalse(listed.toString().contains(created.secret().substring(6)));
        WebhookSubscriptions.Created other = subscriptions.create("http://127.0.0.1:9/hook", null, null);
        assertFalse(other.secret().equals(created.secret()));
    }

    @Test
    void aSubscriptionWithUnknownCodesOrABadUrlIsRefused() {
        ProblemException codes = assertThrows(ProblemException.class, () -> subscriptions.create(
                "http://127.0.0.1:9/hook", new WebhookSubscriptions.Filters(List.of("pothole", "unicorns"), List.of("nope")),
                null));
        assertEquals(ProblemType.INVALID_FIELDS, codes.type());
        assertEquals(List.of("service_codes[1]", "department_codes[0]"),
                codes.violations().stream().map(v -> v.getField()).toList());
        for (String url : List.of("ftp://127.0.0.1/hook", "not a url", "/relative", "http://user:pw@127.0.0.1/hook")) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> subscriptions.create(url, WebhookSubscriptions.Filters.all(), null), url);
            assertEquals("url", e.violations().get(0).getField());
        }
    }

    @Test
    void anEndedSubscriptionHearsNoMoreAndItsPendingMessagesAreGivenUp() throws Exception {
        WebhookReceiver receiver = subscribed(WebhookSubscriptions.Filters.all());
        long id = subscriptions.list().stream().filter(WebhookSubscription::active).findFirst().orElseThrow().id();
        String number = file(Reports.aPothole().north(150));
        WebhookSubscription ended = subscriptions.deactivate(id);
        assertFalse(ended.active());
        assertEquals("deactivated", ended.deactivatedWhy());
        assertEquals(2, count("SELECT count(*) FROM outbox_message WHERE subscription_id = ? AND gave_up_at IS NOT NULL"
                + " AND last_error = 'subscription deactivated'", id));
        event(number, "acknowledged", "acknowledged", true, null);
        assertEquals(0, drain());
        assertEquals(2, count("SELECT count(*) FROM outbox_message WHERE subscription_id = ?", id));
        assertEquals(0, receiver.deliveries().size());
        assertEquals(ended, subscriptions.deactivate(id), "ending it again changes nothing");
        ProblemException unknown = assertThrows(ProblemException.class, () -> subscriptions.deactivate(999_999));
        assertEquals(ProblemType.NOT_FOUND, unknown.type());
    }

    @Test
    void emailIsOffByDefaultAndQueuesNothing() throws Exception {
        assertFalse(outbox.emailEnabled());
        assertFalse(outbox.enqueueEmail("resident@example.org", new Letter("Your request", "It is closed.", "<p>It is closed.</p>")));
        assertEquals(0, count("SELECT count(*) FROM outbox_message WHERE channel = 'email'"));
        assertThrows(IllegalArgumentException.class, () -> outbox.enqueueEmail("not an address", new Letter("s", "t", "t")));
        assertThrows(IllegalArgumentException.class, () -> outbox.enqueueEmail("a@example.org", new Letter("two\nlines", "t", "t")));
    }
}
