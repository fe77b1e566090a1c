package io.curbside.api.accounts;

import io.curbside.api.store.JsonColumns;
import io.curbside.api.support.PageCursor;
import io.curbside.contract.model.AuditEntry;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The audit_log table: appends an action and reads entries in order. */
@Singleton
class AuditRepository {

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    AuditRepository(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void record(UUID actor, String action, String target, Map<String, ?> details) {
        jdbc.prepareStatement("INSERT INTO audit_log (actor_id, action, target, details) VALUES (?, ?, ?, ?::jsonb)", ps -> {
            ps.setObject(1, actor);
            ps.setString(2, action);
            ps.setString(3, target);
            ps.setString(4, json.write(details));
            return ps.executeUpdate();
        });
    }

    /** At most {@code count} entries after the cursor's, oldest first. */
    List<AuditEntry> page(PageCursor after, int count) {
        return jdbc.prepareStatement("""
                SELECT id, actor_id, action, target, details::text, at FROM audit_log
                WHERE id > ? ORDER BY id LIMIT ?""", ps -> {
            ps.setLong(1, after == null ? 0 : after.asLong());
            ps.setInt(2, count);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditEntry entry = new AuditEntry(rs.getLong(1), rs.getString(3), json.read(rs.getString(5), JsonColumns.OBJECT),
                            rs.getTimestamp(6).toInstant().atZone(ZoneOffset.UTC));
                    entry.setActor(rs.getObject(2, UUID.class));
                    entry.setTarget(rs.getString(4));
                    entries.add(entry);
                }
            }
            return entries;
        });
    }
}
