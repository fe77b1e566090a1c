package io.curbside.api.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox's meters: {@code curbside.outbox.delivered}, {@code .failed} (attempts to try
 * again) and {@code .gave_up} by channel, and {@code curbside.outbox.backlog}, the messages
 * still to deliver as last counted (every 30 s on nodes that run the worker).
 */
@Singleton
class OutboxMetrics {

    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();

    OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("curbside.outbox.backlog", backlog, AtomicLong::get)
                .description("Notifications still to deliver, as last counted")
                .register(registry);
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

    void backlog(long count) {
        backlog.set(count);
    }

    private Counter counter(String name, String description, String channel) {
        return Counter.builder(name).description(description).tag("channel", channel).register(registry);
    }
}
