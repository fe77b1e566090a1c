package io.curbside.api.notifications;

import io.curbside.api.support.PersonalData;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers the outbox, on any number of nodes at once. A pass claims due rows (FOR UPDATE SKIP
 * LOCKED) under a lease and commits; sends with no transaction open; then marks each row
 * delivered, or schedules its retry with back-off, or gives it up. While a lease holds no other
 * pass takes the row, and a pass starts no send it could not finish inside its lease.
 *
 * <p>A node that dies between sending and marking leaves the row claimed; once the lease has
 * passed another node sends it again, with the same {@code webhook-id} (or Message-ID), so
 * delivery is at least once, and exactly once for a receiver that drops repeated ids. Order is
 * not kept (a batch is sent at once, retries come later, nodes work side by side): each message
 * carries its event's time for receivers that need to order them.
 */
@Singleton
public class OutboxWorker {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

    private final OutboxRepository repository;
    private final WebhookSender webhooks;
    private final EmailSender email;
    private final WebhookSubscriptions subscriptions;
    private final OutboxSettings settings;
    private final OutboxMetrics metrics;
    private final TransactionOperations<Connection> transactions;
    private final List<String> channels;
    private final Backoff backoff;

    OutboxWorker(OutboxRepository repository, WebhookSender webhooks, EmailSender email,
                 WebhookSubscriptions subscriptions, OutboxSettings settings, EmailSettings emailSettings,
                 OutboxMetrics metrics, TransactionOperations<Connection> transactions) {
        this.repository = repository;
        this.webhooks = webhooks;
        this.email = email;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.metrics = metrics;
        this.transactions = transactions;
        // Where e-mail is off this node leaves e-mail rows alone (none are queued while it is off).
        this.channels = emailSettings.enabled() ? List.of(ClaimedMessage.WEBHOOK, ClaimedMessage.EMAIL)
                : List.of(ClaimedMessage.WEBHOOK);
        this.backoff = new Backoff(settings.firstRetry(), settings.maxRetry());
        Duration longest = emailSettings.enabled() && email.longest().compareTo(webhooks.longest()) > 0
                ? email.longest() : webhooks.longest();
        if (settings.lease().compareTo(longest.multipliedBy(2)) < 0) {
            throw new ConfigurationException("curbside.outbox.lease (" + settings.lease()
                    + ") must be at least twice the longest delivery (" + longest + ")");
        }
    }

    /** What one pass did. */
    record Pass(int claimed, int delivered) {
    }

    /** One pass, now, on the calling thread: claims, sends and marks. Returns how many were delivered. */
    public int runOnce() {
        return pass().delivered();
    }

    Pass pass() {
        UUID claim = UUID.randomUUID();
        // The lease is counted here from before the claim, so it ends no later than the database's.
        long deadline = System.nanoTime() + settings.lease().toNanos();
        List<ClaimedMessage> claimed = transactions.executeWrite(
                s -> repository.claim(channels, settings.batch(), settings.lease(), claim));
        if (claimed.isEmpty()) {
            return new Pass(0, 0);
        }
        Map<String, List<ClaimedMessage>> byChannel = new HashMap<>();
        claimed.forEach(m -> byChannel.computeIfAbsent(m.channel(), c -> new ArrayList<>()).add(m));
        int delivered = 0;
        for (Map.Entry<String, List<ClaimedMessage>> batch : byChannel.entrySet()) {
            Map<Long, Outcome> outcomes = batch.getKey().equals(ClaimedMessage.EMAIL)
                    ? email.deliver(batch.getValue(), deadline) : webhooks.deliver(batch.getValue(), deadline);
            delivered += record(batch.getKey(), batch.getValue(), outcomes, claim);
        }
        return new Pass(claimed.size(), delivered);
    }

    /** Counts the messages still to deliver and the oldest one's age, for the backlog gauges. Returns how many. */
    public long refreshBacklog() {
        OutboxRepository.Backlog backlog = transactions.executeRead(s -> repository.backlog());
        metrics.backlog(backlog);
        return backlog.messages();
    }

    /** Deletes finished rows past their retention, a bounded number per statement. Returns how many. */
    public int purge() {
        int total = 0;
        int deleted;
        do {
            deleted = transactions.executeWrite(s -> repository.purge(settings.retention(), 1000));
            total += deleted;
        } while (deleted == 1000);
        return total;
    }

    private int record(String channel, List<ClaimedMessage> messages, Map<Long, Outcome> outcomes, UUID claim) {
        List<Long> delivered = new ArrayList<>();
        List<Long> notSent = new ArrayList<>();
        Map<Long, OutboxRepository.Retry> retries = new HashMap<>();
        Map<Long, String> givenUp = new HashMap<>();
        Map<Long, String> unpublished = new HashMap<>();
        List<Long> goneSubscriptions = new ArrayList<>();
        for (ClaimedMessage message : messages) {
            Outcome outcome = outcomes.getOrDefault(message.id(), Outcome.failed("no outcome"));
            switch (outcome.kind()) {
                case DELIVERED -> delivered.add(message.id());
                case NOT_SENT -> notSent.add(message.id());
                case REJECTED -> givenUp.put(message.id(), outcome.detail());
                case NOT_PUBLISHED -> unpublished.put(message.id(), outcome.detail());
                case GONE -> {
                    givenUp.put(message.id(), outcome.detail());
                    goneSubscriptions.add(message.subscriptionId());
                }
                case FAILED -> {
                    if (message.attempts() >= settings.maxAttempts()) {
                        givenUp.put(message.id(), outcome.detail() + " (attempt " + message.attempts() + ", the last)");
                    } else {
                        retries.put(message.id(), new OutboxRepository.Retry(
                                backoff.after(message.attempts(), ThreadLocalRandom.current()), outcome.detail()));
                    }
                }
            }
        }
        transactions.executeWrite(s -> {
            if (!delivered.isEmpty()) {
                repository.delivered(delivered, claim);
            }
            if (!notSent.isEmpty()) {
                repository.release(notSent, claim);
            }
            if (!retries.isEmpty()) {
                repository.retry(retries, claim);
            }
            if (!givenUp.isEmpty()) {
                repository.giveUp(givenUp, claim);
            }
            // Finished as given up, with the reason, but neither counted nor logged as a failure: the policy at work.
            if (!unpublished.isEmpty()) {
                repository.giveUp(unpublished, claim);
            }
            goneSubscriptions.stream().distinct().forEach(id -> subscriptions.end(id, WebhookSubscriptions.GONE));
            return null;
        });
        metrics.delivered(channel, delivered.size());
        metrics.failed(channel, retries.size());
        metrics.gaveUp(channel, givenUp.size());
        if (!givenUp.isEmpty()) {
            LOG.warn("Gave up {} {} notification(s), e.g. {}", givenUp.size(), channel,
                    PersonalData.withoutEmailAddresses(givenUp.values().iterator().next()));
        }
        return delivered.size();
    }
}
