package io.curbside.api.jurisdiction;

import io.curbside.api.i18n.Translations;
import io.curbside.api.store.JsonColumns;
import io.curbside.api.support.FileSource;
import io.curbside.api.support.JsonTexts;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Every jurisdiction loaded, by file import or upload (jurisdiction_history, V10). Callers hold the transaction. */
@Singleton
class JurisdictionLoadRepository {

    private static final Argument<List<Map<String, Object>>> LAYERS =
            Argument.listOf(Argument.mapOf(String.class, Object.class));

    private final JdbcOperations jdbc;
    private final JsonTexts texts;
    private final JsonColumns json;

    JurisdictionLoadRepository(JdbcOperations jdbc, JsonTexts texts, JsonColumns json) {
        this.jdbc = jdbc;
        this.texts = texts;
        this.json = json;
    }

    /** One load: the city, where the file came from, its digest and size, and each layer's feature count. */
    record Load(long id, String code, Translations name, String source, String sha256, Long bytes,
                Map<String, Integer> layers, UUID actor, Instant at) {
    }

    Load record(Jurisdiction jurisdiction, FileSource.Content content, UUID actor) {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Jurisdiction.Layer layer : jurisdiction.layers()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("code", layer.code());
            entry.put("features", layer.districts().size());
            layers.add(entry);
        }
        return jdbc.prepareStatement("""
                INSERT INTO jurisdiction_history (code, name, source, sha256, bytes, layers, actor_id)
                VALUES (?, ?::jsonb, ?, ?, ?, ?::jsonb, ?)
                RETURNING id, code, name::text, source, sha256, bytes, layers::text, actor_id, at""", ps -> {
            ps.setString(1, jurisdiction.code());
            ps.setString(2, texts.write(jurisdiction.name()));
            ps.setString(3, content.source());
            ps.setString(4, content.sha256());
            ps.setLong(5, content.bytes().length);
            ps.setString(6, json.write(layers));
            ps.setObject(7, actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return load(rs);
            }
        });
    }

    /** Loads older than {@code before} (all when null), newest first; at most {@code limit}. */
    List<Load> page(Long before, int limit) {
        return jdbc.prepareStatement("""
                SELECT id, code, name::text, source, sha256, bytes, layers::text, actor_id, at FROM jurisdiction_history
                WHERE id < ? ORDER BY id DESC LIMIT ?""", ps -> {
            ps.setLong(1, before == null ? Long.MAX_VALUE : before);
            ps.setInt(2, limit);
            List<Load> loads = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    loads.add(load(rs));
                }
            }
            return loads;
        });
    }

    private Load load(ResultSet rs) throws SQLException {
        Map<String, Integer> layers = new LinkedHashMap<>();
        for (Map<String, Object> layer : json.read(rs.getString(7), LAYERS)) {
            layers.put(String.valueOf(layer.get("code")), ((Number) layer.get("features")).intValue());
        }
        long bytes = rs.getLong(6);
        return new Load(rs.getLong(1), rs.getString(2), texts.read(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.wasNull() ? null : bytes, layers, rs.getObject(8, UUID.class), rs.getTimestamp(9).toInstant());
    }
}
