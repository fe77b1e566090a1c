package io.curbside.api.notifications;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the notification tests: the scheduled worker is off (each test runs passes itself),
 * and webhooks may go to the test's receivers on http://127.0.0.1. Every subscription a test
 * makes is ended after it, so tests do not hear each other's events.
 */
abstract class NotificationTest extends HttpTest {

    @Inject
    WebhookSubscriptions subscriptions;

    @Inject
    OutboxWorker worker;

    @Inject
    ObjectMapper json;

    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>();
        // A free port, not 8080: other test runs on this machine may hold that one.
        properties.put("micronaut.server.port", "-1");
        properties.put("curbside.outbox.enabled", "false");
        properties.put("curbside.webhooks.allow-http", "true");
        properties.put("curbside.webhooks.allow-private-targets", "true");
        properties.putAll(settings());
        return properties;
    }

    /** Settings this class adds. */
    Map<String, String> settings() {
        return Map.of();
    }

    @AfterEach
    void endSubscriptions() {
        subscriptions.list().stream().filter(WebhookSubscription::active).forEach(s -> subscriptions.deactivate(s.id()));
        receivers.forEach(WebhookReceiver::close);
        receivers.clear();
    }

    /** A receiver subscribed with these filters, that checks signatures with the secret it was shown. */
    WebhookReceiver subscribed(WebhookSubscriptions.Filters filters) {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        receiver.secret(subscriptions.create(receiver.url(), filters, "test").secret());
        return receiver;
    }

    String file(Reports report) {
        return (String) requests.filed(report).get("tracking_number");
    }

    /** Writes an event into a request's history, as staff tools will. */
    void event(String trackingNumber, String kind, String status, boolean isPublic, String note) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO request_event (request_id, kind, status, public, note)
                SELECT id, ?, ?, ?, ? FROM service_request WHERE tracking_number = ?""")) {
            ps.setString(1, kind);
            ps.setString(2, status);
            ps.setBoolean(3, isPublic);
            ps.setString(4, note);
            ps.setString(5, trackingNumber);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no request " + trackingNumber);
            }
        }
    }

    /** Runs passes until one finds nothing due; returns how many were delivered. */
    int drain() {
        int delivered = 0;
        OutboxWorker.Pass pass;
        do {
            pass = worker.pass();
            delivered += pass.delivered();
        } while (pass.claimed() > 0);
        return delivered;
    }

    /** One number from the database. */
    long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect()) {
            c.createStatement().execute(sql);
        }
    }

    Map<String, Object> parse(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
