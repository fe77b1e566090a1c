package io.curbside.api.notifications;

import io.curbside.api.testing.Reports;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.RepeatedTest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two workers (two nodes) competing over one outbox deliver every message exactly once. */
@MicronautTest(transactional = false)
class CompetingWorkersTest extends NotificationTest {

    private static final int MESSAGES = 200;

    @Inject
    ApplicationContext context;

    @Override
    Map<String, String> settings() {
        // Small batches, so the two workers take turns many times over the 200 messages.
        return Map.of("curbside.outbox.batch", "7", "datasources.default.maximum-pool-size", "12");
    }

    @RepeatedTest(3)
    void aWebhookIsDeliveredExactlyOnceByTwoCompetingWorkers() throws Exception {
        WebhookReceiver receiver = subscribed(WebhookSubscriptions.Filters.all());
        String number = file(Reports.aPothole());
        // 2 events at filing, and 198 more written straight into the history.
        execute("INSERT INTO request_event (request_id, kind, status, public) SELECT r.id, 'acknowledged', "
                + "'acknowledged', true FROM service_request r, generate_series(1, " + (MESSAGES - 2) + ") "
                + "WHERE r.tracking_number = '" + number + "'");
        assertEquals(MESSAGES, count("SELECT count(*) FROM outbox_message WHERE delivered_at IS NULL AND gave_up_at IS NULL"));

        OutboxWorker other = context.createBean(OutboxWorker.class);
        assertNotSame(worker, other);
        List<OutboxWorker> workers = List.of(worker, other);
        CyclicBarrier start = new CyclicBarrier(workers.size());
        ExecutorService threads = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<Integer>> delivered = workers.stream().map(w -> threads.submit(() -> {
                start.await();
                int total = 0;
                OutboxWorker.Pass pass;
                do {
                    pass = w.pass();
                    total += pass.delivered();
                } while (pass.claimed() > 0);
                return total;
            })).toList();
            int total = 0;
            for (Future<Integer> f : delivered) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(MESSAGES, total, "delivered as the workers count");
        } finally {
            threads.shutdownNow();
        }

        Map<String, Integer> counts = receiver.counts();
        assertEquals(MESSAGES, counts.size(), "every message arrived");
        counts.forEach((id, n) -> assertEquals(1, n, () -> id + " arrived " + n + " times"));
        assertTrue(receiver.deliveries().stream().allMatch(WebhookReceiver.Delivery::signatureValid));
        assertEquals(MESSAGES, count("SELECT count(*) FROM outbox_message WHERE delivered_at IS NOT NULL "
                + "AND attempts = 1 AND claimed_until IS NULL "
                + "AND subscription_id = (SELECT max(id) FROM webhook_subscription)"));
        assertEquals(0, count("SELECT count(*) FROM outbox_message WHERE delivered_at IS NULL AND gave_up_at IS NULL"));
    }
}
