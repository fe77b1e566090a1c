package io.curbside.api.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox's meters: {@code curbside.outbox.delivered}, {@code .failed} (attempts to try
 * again) and {@code .gave_up} by channel, present at zero from start-up so a rate or an alert
 * works before the first delivery; {@code curbside.outbox.backlog}, the messages still to
 * deliver, and {@code curbside.outbox.oldest_undelivered_age}, how long the oldest of them has
 * waited, as last counted (every 30 s on nodes that run the worker). Made when the application
 * starts ({@code @Context}), not when the worker first runs, so /prometheus lists them at once.
 */
@Context
class OutboxMetrics {

    private static final List<String> CHANNELS = List.of(ClaimedMessage.WEBHOOK, ClaimedMessage.EMAIL);

    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("curbside.outbox.backlog", backlog, AtomicLong::get)
                .description("Notifications still to deliver, as last counted")
                .register(registry);
        Gauge.builder("curbside.outbox.oldest_undelivered_age", oldestSeconds, AtomicLong::get)
                .description("How long the oldest notification still to deliver has waited (0: none), as last counted")
                .baseUnit("seconds")
                .register(registry);
        for (String channel : CHANNELS) {
            delivered(channel, 0);
            failed(channel, 0);
            gaveUp(channel, 0);
        }
    }

    void delivered(String channel, int count) {
        counter("curbside.outbox.delivered", "Notifications delivered", channel).increment(count);
    }

    void failed(String channel, int count) {
        counter("curbside.outbox.failed", "Delivery attempts that failed and will be tried again", channel)
                .increment(count);
    }

    void gaveUp(String channel, int count) {
        counter("curbside.outbox.gave_up", "Notifications given up (attempts used up, refused, or 410 Gone)", channel)
                .increment(count);
    }

    void backlog(OutboxRepository.Backlog counted) {
        backlog.set(counted.messages());
        oldestSeconds.set(counted.oldestSeconds());
    }

    private Counter counter(String name, String description, String channel) {
        return Counter.builder(name).description(description).tag("channel", channel).register(registry);
    }
}
