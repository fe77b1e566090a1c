package io.curbside.api.downloads;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of {@code opendata.snapshot}: written, locked and pruned through the main datasource (the open-data role
 * reads only), listed through the open-data one, as every open route reads.
 */
@Singleton
class SnapshotRepository {

    /** The advisory lock of the snapshot job: one node at a time writes the day's files. */
    static final long LOCK = 0x5_3A4F_5348_4F54L;
    private static final String COLUMNS = "name, format, snapshot_date, size_bytes, row_count, sha256, created_at";
    /**
     * A snapshot is stale when a change that took something out of public view (V34's retractions) may be missing
     * from it: one whose transaction is at or past the horizon of the database snapshot the file was read from.
     */
    private static final String FRESH = """
            s.visible_below IS NOT NULL
            AND NOT EXISTS (SELECT FROM opendata.retraction r WHERE r.xid >= s.visible_below)""";


    private final JdbcOperations main;
    private final JdbcOperations opendata;

    SnapshotRepository(JdbcOperations main, @Named("opendata") JdbcOperations opendata) {
        this.main = main;
        this.opendata = opendata;
    }

    /** Takes the job's lock for the caller's transaction; false when another node holds it. */
    boolean tryLock() {
        return main.prepareStatement("SELECT pg_try_advisory_xact_lock(?)", ps -> {
            ps.setLong(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    boolean exists(LocalDate date, DownloadFormat format) {
        return main.prepareStatement("SELECT 1 FROM opendata.snapshot WHERE snapshot_date = ? AND format = ?", ps -> {
            ps.setObject(1, date);
            ps.setString(2, format.extension());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** The horizon of the caller's database snapshot, on its connection: retractions below it are in what it reads. */
    static String horizon(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Unlists the stale snapshots, and says which they were. */
    List<String> deleteStale() {
        return names(main, "DELETE FROM opendata.snapshot s WHERE NOT (" + FRESH + ") RETURNING name", ps -> { });
    }

    /** Forgets the retractions no listed snapshot can miss: those below every snapshot's horizon, and the current one's. */
    void pruneRetractions() {
        main.prepareStatement("""
                DELETE FROM opendata.retraction WHERE xid < (SELECT coalesce(min(visible_below), pg_snapshot_xmin(pg_current_snapshot()))
                                                             FROM opendata.snapshot)""", PreparedStatement::executeUpdate);
    }

    void insert(Snapshot snapshot, String visibleBelow) {
        main.prepareStatement("INSERT INTO opendata.snapshot (" + COLUMNS + ", visible_below) VALUES (?, ?, ?, ?, ?, ?, ?, ?::xid8)", ps -> {
            ps.setString(1, snapshot.name());
            ps.setString(2, snapshot.format());
            ps.setObject(3, snapshot.date());
            ps.setLong(4, snapshot.sizeBytes());
            ps.setLong(5, snapshot.rowCount());
            ps.setString(6, snapshot.sha256());
            ps.setTimestamp(7, Timestamp.from(snapshot.createdAt()));
            ps.setString(8, visibleBelow);
            return ps.executeUpdate();
        });
    }

    /** Deletes the rows of the snapshots taken before {@code date}, and says which they were. */
    List<String> deleteBefore(LocalDate date) {
        return names(main, "DELETE FROM opendata.snapshot WHERE snapshot_date < ? RETURNING name", ps -> ps.setObject(1, date));
    }

    private static List<String> names(JdbcOperations jdbc, String sql, Binding binding) {
        return jdbc.prepareStatement(sql, ps -> {
            binding.bind(ps);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    private interface Binding {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Every snapshot listed and not stale, newest first. */
    List<Snapshot> list() {
        return opendata.prepareStatement("SELECT " + COLUMNS + " FROM opendata.snapshot s WHERE " + FRESH
                        + " ORDER BY snapshot_date DESC, format",
                ps -> {
                    List<Snapshot> found = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(snapshot(rs));
                        }
                    }
                    return found;
                });
    }

    Optional<Snapshot> find(String name) {
        return opendata.prepareStatement("SELECT " + COLUMNS + " FROM opendata.snapshot s WHERE name = ? AND " + FRESH, ps -> {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(snapshot(rs)) : Optional.<Snapshot>empty();
            }
        });
    }

    private static Snapshot snapshot(ResultSet rs) throws SQLException {
        return new Snapshot(rs.getString("name"), rs.getString("format"), rs.getObject("snapshot_date", LocalDate.class),
                rs.getLong("size_bytes"), rs.getLong("row_count"), rs.getString("sha256"),
                rs.getTimestamp("created_at").toInstant());
    }
}
