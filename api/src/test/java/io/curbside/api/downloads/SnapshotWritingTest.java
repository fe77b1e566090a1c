package io.curbside.api.downloads;

import io.curbside.api.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While the snapshot job writes its files, its transaction (the one holding the job's lock) has no transaction
 * id: one would hold pg_snapshot_xmin back for minutes, and with it the change feed and the downloads' tag.
 */
@MicronautTest(transactional = false)
class SnapshotWritingTest extends HttpTest {

    /** Enough rows that each of the three files takes a while to write, so the job is seen writing. */
    private static final int ROWS = 30_000;

    @Inject
    Snapshots snapshots;

    @Override
    protected Map<String, String> extraProperties() {
        try {
            Files.createDirectories(Path.of("target", "test-snapshots"));
            Path directory = Files.createTempDirectory(Path.of("target", "test-snapshots"), "SnapshotWritingTest-");
            return Map.of("curbside.opendata-snapshots.directory", directory.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void manyPublishedRows() throws SQLException {
        try (Connection c = connect()) {
            ManyPublishedRows.insert(c, "CS-SNAP", ROWS);
        }
    }

    @Test
    void theJobHoldsNoTransactionIdWhileItWrites() throws Exception {
        CompletableFuture<Integer> job = CompletableFuture.supplyAsync(snapshots::run);
        int writing = 0;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            while (!job.isDone()) {
                // The lock holder's xid, sampled only while an open-data export (a read transaction) is under way.
                try (ResultSet rs = s.executeQuery("""
                        SELECT a.backend_xid::text, (SELECT pg_snapshot_xmin(pg_current_snapshot())::text)
                        FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                        WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                          AND EXISTS (SELECT 1 FROM pg_stat_activity o WHERE o.datname = current_database()
                                      AND o.application_name = 'curbside-opendata' AND o.state <> 'idle')""")) {
                    if (rs.next()) {
                        writing++;
                        assertEquals(null, rs.getString(1), "the job's transaction has an id while it writes, "
                                + "holding pg_snapshot_xmin at " + rs.getString(2));
                    }
                }
                Thread.sleep(10);
            }
        }
        assertEquals(3, job.get());
        assertTrue(writing >= 5, "the job was seen writing (" + writing + " samples): else this test proves nothing");
    }
}
