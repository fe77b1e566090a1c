package io.curbside.api.notifications;

import io.curbside.api.testing.Reports;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failed deliveries are retried with back-off, given up after the last attempt; 410 ends a subscription; leases lapse. */
@MicronautTest(transactional = false)
class WebhookRetryTest extends NotificationTest {

    @Inject
    OutboxRepository repository;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    Map<String, String> settings() {
        return Map.of("curbside.outbox.max-attempts", "3");
    }

    /** Makes the pending rows of the newest subscription due now, as if their wait had passed. */
    private void waitPassed() throws Exception {
        execute("UPDATE outbox_message SET next_attempt_at = now() - interval '1 second' "
                + "WHERE delivered_at IS NULL AND gave_up_at IS NULL");
    }

    @Test
    void aFailedDeliveryIsRetriedAfterItsBackOffWithTheSameId() throws Exception {
        WebhookReceiver receiver = subscribed(WebhookSubscriptions.Filters.all());
        receiver.answer(n -> n == 1 ? 500 : 200);
        String number = file(Reports.aPothole().north(200));
        event(number, "acknowledged", "acknowledged", false, "not public");
        // Only the first event fails (the receiver answers 500 once); the filing's other event arrives.
        execute("UPDATE outbox_message SET next_attempt_at = now() + interval '1 hour' WHERE id = "
                + "(SELECT max(id) FROM outbox_message)");
        assertEquals(0, worker.runOnce(), "the first event's attempt fails");
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT attempts, last_error, extract(epoch FROM next_attempt_at - now()), claimed_until, delivered_at
                FROM outbox_message WHERE id = (SELECT min(id) FROM outbox_message
                                                WHERE subscription_id = (SELECT max(id) FROM webhook_subscription))""")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals("HTTP 500", rs.getString(2));
            double wait = rs.getDouble(3);
            assertTrue(wait > 14 && wait <= 30, "30 s back-off with jitter: between 15 and 30 s, not " + wait);
            assertEquals(null, rs.getObject(4));
            assertEquals(null, rs.getObject(5));
        }
        assertEquals(0, worker.runOnce(), "not due yet: nothing is sent");
        assertEquals(1, receiver.deliveries().size());
        waitPassed();
        assertEquals(2, worker.runOnce());
        List<WebhookReceiver.Delivery> deliveries = receiver.deliveries();
        assertEquals(3, deliveries.size());
        assertEquals(2, receiver.counts().get(deliveries.get(0).id()), "the retry carries the first attempt's webhook-id");
        assertEquals(2, receiver.counts().size());
        assertTrue(deliveries.stream().allMatch(WebhookReceiver.Delivery::signatureValid));
    }

    @Test
    void aMessageIsGivenUpAfterTheLastAttempt() throws Exception {
        WebhookReceiver receiver = subscribed(WebhookSubscriptions.Filters.all());
        receiver.answer(n -> 503);
        file(Reports.aPothole().north(250));
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertEquals(0, worker.runOnce());
            assertEquals(2 * attempt, receiver.deliveries().size(), "both events tried once more");
            waitPassed();
        }
        assertEquals(0, worker.runOnce(), "given up: never sent again");
        assertEquals(6, receiver.deliveries().size());
        assertEquals(2, count("SELECT count(*) FROM outbox_message WHERE attempts = 3 AND gave_up_at IS NOT NULL "
                + "AND delivered_at IS NULL AND last_error LIKE 'HTTP 503%the last%' "
                + "AND subscription_id = (SELECT max(id) FROM webhook_subscription)"));
        assertTrue(subscriptions.list().stream().anyMatch(s -> s.active() && s.url().toString().equals(receiver.url())),
                "failures alone do not end a subscription");
    }

    @Test
    void aReceiverThatAnswers410EndsItsSubscription() throws Exception {
        WebhookReceiver receiver = subscribed(WebhookSubscriptions.Filters.all());
        receiver.answer(n -> 410);
        String number = file(Reports.aPothole().north(300));
        assertEquals(0, worker.runOnce());
        WebhookSubscription gone = subscriptions.list().stream().filter(s -> s.url().toString().equals(receiver.url()))
                .findFirst().orElseThrow();
        assertFalse(gone.active());
        assertEquals("gone", gone.deactivatedWhy());
        assertEquals(0, count("SELECT count(*) FROM outbox_message WHERE subscription_id = ? AND gave_up_at IS NULL",
                gone.id()));
        event(number, "acknowledged", "acknowledged", true, null);
        assertEquals(0, count("SELECT count(*) FROM outbox_message WHERE subscription_id = ? AND gave_up_at IS NULL",
                gone.id()), "no new message for an ended subscription");
        int sent = receiver.deliveries().size();
        waitPassed();
        assertEquals(0, drain());
        assertEquals(sent, receiver.deliveries().size());
    }

    @Test
    void aCrashedWorkersLeaseLapsesAndAnotherWorkerTakesTheRow() throws Exception {
        WebhookReceiver receiver = subscribed(WebhookSubscriptions.Filters.all());
        file(Reports.aPothole().north(350));
        // A node claims both rows and dies before sending or marking anything.
        UUID crashed = UUID.randomUUID();
        List<ClaimedMessage> taken = transactions.executeWrite(s -> repository.claim(List.of("webhook"), 10,
                Duration.ofMinutes(2), crashed));
        assertEquals(2, taken.size());
        assertEquals(0, worker.runOnce(), "the lease holds");
        assertEquals(0, receiver.deliveries().size());
        execute("UPDATE outbox_message SET claimed_until = now() - interval '1 second' WHERE claimed_by = '" + crashed + "'");
        assertEquals(2, worker.runOnce(), "the lease lapsed: another worker delivers");
        assertEquals(2, receiver.counts().size());
        String ids = taken.stream().map(m -> Long.toString(m.id())).reduce((a, b) -> a + "," + b).orElseThrow();
        assertEquals(2, count("SELECT count(*) FROM outbox_message WHERE id IN (" + ids + ") AND attempts = 2 "
                + "AND delivered_at IS NOT NULL AND claimed_by IS NULL"));
    }

    @Test
    void aWorkerThatLostItsLeaseCannotMarkTheRowItsSuccessorHolds() throws Exception {
        subscribed(WebhookSubscriptions.Filters.all());
        file(Reports.aPothole().north(400));
        UUID slow = UUID.randomUUID();
        List<ClaimedMessage> first = transactions.executeWrite(s -> repository.claim(List.of("webhook"), 1,
                Duration.ofMinutes(2), slow));
        execute("UPDATE outbox_message SET claimed_until = now() - interval '1 second' WHERE claimed_by = '" + slow + "'");
        UUID successor = UUID.randomUUID();
        List<ClaimedMessage> second = transactions.executeWrite(s -> repository.claim(List.of("webhook"), 1,
                Duration.ofMinutes(2), successor));
        assertEquals(first.get(0).id(), second.get(0).id());
        transactions.executeWrite(s -> {
            repository.retry(Map.of(first.get(0).id(), new OutboxRepository.Retry(Duration.ofSeconds(1), "late")), slow);
            repository.delivered(List.of(first.get(0).id()), slow);
            return null;
        });
        assertEquals(1, count("SELECT count(*) FROM outbox_message WHERE id = ? AND claimed_by = ? AND last_error IS NULL "
                + "AND delivered_at IS NULL AND claimed_until > now()", first.get(0).id(), successor));
    }

    @Test
    void finishedMessagesAreDeletedAfterTheirRetentionAndPendingOnesNever() throws Exception {
        subscribed(WebhookSubscriptions.Filters.all());
        file(Reports.aPothole().north(450));
        assertEquals(2, worker.runOnce());
        file(Reports.aPothole().north(500));
        String pending = "SELECT count(*) FROM outbox_message WHERE delivered_at IS NULL AND gave_up_at IS NULL";
        long stillToDeliver = count(pending);
        assertTrue(stillToDeliver >= 2);
        long before = count("SELECT count(*) FROM outbox_message");
        execute("UPDATE outbox_message SET delivered_at = delivered_at - interval '8 days', "
                + "gave_up_at = gave_up_at - interval '8 days'");
        execute("UPDATE outbox_message SET created_at = now() - interval '30 days' WHERE delivered_at IS NULL");
        long finished = before - stillToDeliver;
        assertTrue(finished >= 2);
        assertEquals(finished, worker.purge());
        assertEquals(stillToDeliver, count("SELECT count(*) FROM outbox_message"));
        assertEquals(stillToDeliver, count(pending));
    }
}
