package io.curbside.api.photos;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The request_photo and pending_photo_file SQL. Callers hold the transaction. */
@Singleton
class PhotoRepository {

    private final JdbcOperations jdbc;

    PhotoRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A photo of a request as stored. */
    record Row(String id, int position, String displayKey, int width, int height, long displayBytes,
               String thumbnailKey, long thumbnailBytes, boolean isPublic) {
    }

    /** Notes files about to be written, before they are: a crash then leaves a trace the sweeper follows. */
    void journal(List<String> keys) {
        jdbc.prepareStatement("INSERT INTO pending_photo_file (key) VALUES (?) ON CONFLICT DO NOTHING", ps -> {
            for (String key : keys) {
                ps.setString(1, key);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** Gives back the claim on files that could not be deleted, for the next sweep. */
    void unclaim(List<String> keys) {
        jdbc.prepareStatement("UPDATE pending_photo_file SET claimed_until = NULL WHERE key = ANY (?)", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", keys.toArray()));
            return ps.executeUpdate();
        });
    }

    /**
     * Takes the files of a committing request off the journal, and says which were still there
     * unclaimed: a key missing from the answer was taken by the sweeper, whose file may be gone.
     */
    List<String> unjournal(List<String> keys) {
        return jdbc.prepareStatement("""
                DELETE FROM pending_photo_file WHERE key = ANY (?) AND claimed_until IS NULL
                RETURNING key""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", keys.toArray()));
            return keys(ps);
        });
    }

    /**
     * Claims these journalled files for deletion, and says which were still there unclaimed: only
     * those may be deleted, since a key gone from the journal belongs to a committed request.
     */
    List<String> claim(List<String> keys) {
        return jdbc.prepareStatement("""
                UPDATE pending_photo_file SET claimed_until = now() + interval '10 minutes'
                WHERE key = ANY (?) AND claimed_until IS NULL
                RETURNING key""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", keys.toArray()));
            return keys(ps);
        });
    }

    /** Forgets files that are deleted. */
    void forget(List<String> keys) {
        jdbc.prepareStatement("DELETE FROM pending_photo_file WHERE key = ANY (?)", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", keys.toArray()));
            return ps.executeUpdate();
        });
    }

    void insert(long requestId, List<Row> rows) {
        jdbc.prepareStatement("""
                INSERT INTO request_photo (id, request_id, position, display_key, display_width, display_height,
                    display_bytes, thumbnail_key, thumbnail_bytes, public)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            for (Row r : rows) {
                ps.setString(1, r.id());
                ps.setLong(2, requestId);
                ps.setInt(3, r.position());
                ps.setString(4, r.displayKey());
                ps.setInt(5, r.width());
                ps.setInt(6, r.height());
                ps.setLong(7, r.displayBytes());
                ps.setString(8, r.thumbnailKey());
                ps.setLong(9, r.thumbnailBytes());
                ps.setBoolean(10, r.isPublic());
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    List<Row> ofRequest(long requestId, boolean publicOnly) {
        return jdbc.prepareStatement("""
                SELECT id, position, display_key, display_width, display_height, display_bytes, thumbnail_key,
                       thumbnail_bytes, public
                FROM request_photo WHERE request_id = ? AND (public OR NOT ?) ORDER BY position""", ps -> {
            ps.setLong(1, requestId);
            ps.setBoolean(2, publicOnly);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                            rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getBoolean(9)));
                }
            }
            return rows;
        });
    }

    Optional<Row> find(long requestId, String photoId) {
        return ofRequest(requestId, false).stream().filter(r -> r.id().equals(photoId)).findFirst();
    }

    /**
     * Claims journal entries older than the grace period, whose request never committed (the
     * commit removes them), and lapsed claims of a node that died deleting. Two nodes sweeping at
     * once never take the same one.
     */
    List<String> claimOrphans(long graceSeconds, int limit) {
        return jdbc.prepareStatement("""
                UPDATE pending_photo_file SET claimed_until = now() + interval '10 minutes' WHERE key IN (
                    SELECT key FROM pending_photo_file
                    WHERE created_at < now() - ? * interval '1 second'
                      AND (claimed_until IS NULL OR claimed_until < now())
                    ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING key""", ps -> {
            ps.setLong(1, graceSeconds);
            ps.setInt(2, limit);
            return keys(ps);
        });
    }

    private static List<String> keys(PreparedStatement ps) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }
}
