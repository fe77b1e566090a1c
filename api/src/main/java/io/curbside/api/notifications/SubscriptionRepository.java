package io.curbside.api.notifications;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The webhook_subscription SQL. Callers hold the transaction. */
@Singleton
class SubscriptionRepository {

    private static final String COLUMNS = """
            id, url, service_codes, department_codes, active, created_at, created_by, deactivated_at, deactivated_why""";

    private final JdbcOperations jdbc;

    SubscriptionRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a subscription with its secret as {@link SecretSeal} made it ready for storage. */
    WebhookSubscription insert(URI url, byte[] storedSecret, boolean sealed, List<String> services,
                               List<String> departments, String createdBy) {
        return jdbc.prepareStatement("""
                INSERT INTO webhook_subscription (url, secret, secret_sealed, service_codes, department_codes, created_by)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING\s""" + COLUMNS, ps -> {
            ps.setString(1, url.toString());
            ps.setBytes(2, storedSecret);
            ps.setBoolean(3, sealed);
            ps.setArray(4, ps.getConnection().createArrayOf("text", services.toArray()));
            ps.setArray(5, ps.getConnection().createArrayOf("text", departments.toArray()));
            ps.setString(6, createdBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return subscription(rs);
            }
        });
    }

    List<WebhookSubscription> list() {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM webhook_subscription ORDER BY id", ps -> {
            List<WebhookSubscription> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(subscription(rs));
                }
            }
            return all;
        });
    }

    Optional<WebhookSubscription> find(long id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM webhook_subscription WHERE id = ?", ps -> {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(subscription(rs)) : Optional.empty();
            }
        });
    }

    /** Ends an active subscription; false when it was not active (already ended, or none). */
    boolean deactivate(long id, String why) {
        return jdbc.prepareStatement("""
                UPDATE webhook_subscription SET active = false, deactivated_at = now(), deactivated_why = ?
                WHERE id = ? AND active""", ps -> {
            ps.setString(1, why);
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        });
    }

    private static WebhookSubscription subscription(ResultSet rs) throws SQLException {
        return new WebhookSubscription(rs.getLong(1), URI.create(rs.getString(2)), codes(rs.getArray(3)),
                codes(rs.getArray(4)), rs.getBoolean(5), instant(rs.getTimestamp(6)), rs.getString(7),
                instant(rs.getTimestamp(8)), rs.getString(9));
    }

    private static List<String> codes(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
