package io.curbside.api.operations;

import io.curbside.api.notifications.OutboxWorker;
import io.curbside.api.testing.DatabaseTest;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator graphs and alerts on: latency buckets per route, and the outbox from zero. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsTest extends DatabaseTest {

    @Inject
    @Client("/")
    HttpClient client;

    /** Looked up only when needed: injecting it would make the outbox's meters, which start-up must make itself. */
    @Inject
    BeanProvider<OutboxWorker> worker;

    @Override
    protected Map<String, String> extraProperties() {
        // No worker: this test counts the backlog itself, and nothing delivers what it queues.
        return Map.of("curbside.outbox.enabled", "false");
    }

    @Test
    @Order(1)
    void theOutboxCountersAndGaugesArePresentAtZeroBeforeAnyDelivery() {
        String metrics = prometheus();
        for (String name : new String[] {"curbside_outbox_delivered_total", "curbside_outbox_failed_total",
                "curbside_outbox_gave_up_total"}) {
            for (String channel : new String[] {"webhook", "email"}) {
                assertEquals(0.0, value(metrics, name + "{channel=\"" + channel + "\"}"), name + " " + channel);
            }
        }
        assertEquals(0.0, value(metrics, "curbside_outbox_backlog"));
        assertEquals(0.0, value(metrics, "curbside_outbox_oldest_undelivered_age_seconds"));
    }

    @Test
    @Order(2)
    void eachRouteHasLatencyBucketsSoPercentilesCanBeRead() {
        client.toBlocking().exchange(HttpRequest.GET("/v1/services/pothole"), String.class);
        String metrics = prometheus();
        Matcher bucket = Pattern.compile("http_server_requests_seconds_bucket\\{[^}]*uri=\"/v1/services/\\{code}\"[^}]*}")
                .matcher(metrics);
        int buckets = 0;
        while (bucket.find()) {
            buckets++;
        }
        assertTrue(buckets >= 10, "at least 10 latency buckets for the route, found " + buckets);
        assertTrue(metrics.contains("le=\"+Inf\""), "the histogram ends at +Inf");
    }

    @Test
    @Order(3)
    void theOldestUndeliveredNotificationsAgeIsAGauge() throws Exception {
        try (Connection c = connect()) {
            c.createStatement().execute("""
                    INSERT INTO outbox_message (channel, recipient, payload, created_at)
                    VALUES ('email', 'follower@example.org', '{"subject": "s", "text": "t"}', now() - interval '2 hours'),
                           ('email', 'other@example.org', '{"subject": "s", "text": "t"}', now() - interval '1 minute')""");
        }
        assertEquals(2, worker.get().refreshBacklog());
        String metrics = prometheus();
        assertEquals(2.0, value(metrics, "curbside_outbox_backlog"));
        double age = value(metrics, "curbside_outbox_oldest_undelivered_age_seconds");
        assertTrue(age >= 7200 && age < 7300, "two hours, in seconds: " + age);
    }

    private String prometheus() {
        return client.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class);
    }

    /** The sample's value, for a name with its labels exactly as written (or none). */
    private static double value(String metrics, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics);
        assertTrue(m.find(), sample + " is not exported");
        return Double.parseDouble(m.group(1));
    }
}
