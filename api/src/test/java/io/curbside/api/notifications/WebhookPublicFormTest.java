package io.curbside.api.notifications;

import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.curbside.api.testing.RequestsClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A webhook's body is the request's public form, built when it is sent: a sensitive request's
 * times go out as dates and its notes not at all, nothing the reporter gave reaches a subscriber,
 * and the outbox keeps no copy of any of it (V22).
 */
@MicronautTest(transactional = false)
class WebhookPublicFormTest extends NotificationTest {

    private static final ZoneId CITY = ZoneId.of("America/New_York");
    private static final String NOTE = "Crew sent to 1002 Quillan St; call Zed Secretname at (870) 711-8617";
    private static final List<String> SECRETS = List.of("Zed Secretname", "Secretname", "zed.secret@example.org",
            "614-555-0199", "555 0199", "device-SECRET-42", "77 Hidden Lane", "1002 Quillan", "Quillan", "(870)",
            "711-8617", "9871234", "9825678");

    @Test
    @SuppressWarnings("unchecked")
    void aSensitiveRequestsEventsGoOutWithDatesAndNoTextAnOpenOnesWithTimes() throws Exception {
        WebhookReceiver receiver = subscribed(WebhookSubscriptions.Filters.all());
        String sensitive = seeded(Reports.of("encampment-concern").answer("concern", List.of("blocking")));
        String open = seeded(Reports.aPothole());
        assertEquals(6, drain(), "received, routed and acknowledged, of each");
        for (WebhookReceiver.Delivery delivery : receiver.deliveries()) {
            SECRETS.forEach(secret -> assertFalse(delivery.body().contains(secret),
                    () -> secret + " in a webhook: " + delivery.body()));
            Map<String, Object> body = parse(delivery.body());
            Map<String, Object> data = (Map<String, Object>) body.get("data");
            LocalTime at = ZonedDateTime.parse((String) data.get("at")).withZoneSameInstant(CITY).toLocalTime();
            assertEquals(data.get("at"), body.get("timestamp"));
            if (sensitive.equals(data.get("tracking_number"))) {
                assertEquals(LocalTime.MIDNIGHT, at, () -> "a sensitive class publishes dates: " + body);
                assertNull(data.get("note"), body::toString);
                assertEquals("encampment-concern", data.get("service_code"));
                assertEquals("human-services", data.get("department_code"));
            } else {
                assertEquals(open, data.get("tracking_number"));
                assertNotEquals(LocalTime.MIDNIGHT, at, () -> "an open class publishes the time: " + body);
                if ("acknowledged".equals(data.get("event"))) {
                    assertTrue(((String) data.get("note")).startsWith("Crew sent to "), body::toString);
                }
            }
        }
        assertTrue(receiver.deliveries().stream().allMatch(WebhookReceiver.Delivery::signatureValid));
    }

    @Test
    void theOutboxKeepsNoCopyOfAWebhooksBody() throws Exception {
        subscribed(WebhookSubscriptions.Filters.all());
        seeded(Reports.aPothole().north(200));
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT payload::text FROM outbox_message WHERE channel = 'webhook'")) {
            int rows = 0;
            while (rs.next()) {
                assertEquals("{}", rs.getString(1), "the body is built when sent, from the public form");
                rows++;
            }
            assertTrue(rows >= 3, "received, routed and acknowledged were queued: " + rows);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNoteNamingTheReporterGoesOutWithoutItOnceTheyErasedTheirAccount() throws Exception {
        WebhookReceiver receiver = subscribed(WebhookSubscriptions.Filters.all());
        Map<String, Object> zed = new People(http).register("zed");
        String number = (String) http.toBlocking().retrieve(HttpRequest.POST("/v1/requests", Reports.aPothole()
                .north(400).contact("Zed Secretname", People.email(zed), "+1 614 555 0199").json())
                .bearerAuth(People.token(zed)), RequestsClient.JSON).get("tracking_number");
        event(number, "acknowledged", "acknowledged", true, "Called Zed Secretname back");
        // Erased before the worker's pass: the body is built when sent, after the name is gone.
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.POST("/v1/me/deletion", Map.of())
                .bearerAuth(People.token(zed))).getStatus());
        drain();
        List<Map<String, Object>> acknowledged = receiver.deliveries().stream()
                .peek(d -> assertFalse(d.body().contains("Secretname"), d::body))
                .map(d -> (Map<String, Object>) parse(d.body()).get("data"))
                .filter(data -> number.equals(data.get("tracking_number")) && "acknowledged".equals(data.get("event")))
                .toList();
        assertEquals(1, acknowledged.size(), "the event itself still goes out: " + receiver.deliveries());
        assertNull(acknowledged.get(0).get("note"), "its note may name them and can no longer be scrubbed of it");
    }

    /** Files a report full of the reporter's details and acknowledges it with a note naming a house, a phone and them. */
    private String seeded(Reports report) throws Exception {
        String number = file(report.at(39.9871234, -82.9825678).whereExactly("at 77 Hidden Lane")
                .description("Please call Zed Secretname at 614-555-0199 or zed.secret@example.org, 77 Hidden Lane")
                .contact("Zed Secretname", "zed.secret@example.org", "+1 614 555 0199")
                .with("device_id", "device-SECRET-42"));
        event(number, "acknowledged", "acknowledged", true, NOTE);
        return number;
    }
}
