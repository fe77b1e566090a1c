package io.curbside.api.notifications;

import io.curbside.api.testing.Reports;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With the worker switched on (the default), a node delivers by itself, and the meters say so. */
@MicronautTest(transactional = false)
class ScheduledDeliveryTest extends NotificationTest {

    @Inject
    MeterRegistry meters;

    @Override
    Map<String, String> settings() {
        return Map.of("curbside.outbox.enabled", "true", "curbside.outbox.interval", "200ms");
    }

    @Test
    void theScheduledWorkerDeliversWithoutBeingAsked() throws Exception {
        WebhookReceiver receiver = subscribed(WebhookSubscriptions.Filters.all());
        file(Reports.aPothole());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> receiver.deliveries().size() >= 2);
        assertEquals(2, receiver.deliveries().size());
        assertTrue(receiver.deliveries().stream().allMatch(WebhookReceiver.Delivery::signatureValid));
        // Received before the worker has marked them delivered.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> count("SELECT count(*) FROM outbox_message WHERE delivered_at IS NULL") == 0);
        assertEquals(2, receiver.deliveries().size(), "each delivered once, and nothing is left to deliver");
        assertEquals(0, worker.refreshBacklog());
        assertEquals(0.0, meters.get("curbside.outbox.backlog").gauge().value());
        assertEquals(2.0, meters.get("curbside.outbox.delivered").tag("channel", "webhook").counter().count());
    }
}
