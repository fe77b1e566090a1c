package io.curbside.api.downloads;

import io.curbside.api.published.PublishedText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CSV's rows read on one thread and written on another: every row in order when all goes well, and when either
 * side fails, run() throws that failure only once both have stopped, so nothing is written after it returns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverlappedRowsTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterAll
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void everyRowIsWrittenInOrder() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long read = OverlappedRows.run(executor, csv(out), 7, rows -> {
            for (int i = 0; i < 1000; i++) {
                rows.add(row("CS-" + i));
            }
            return 1000;
        });
        assertEquals(1000, read);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1001, lines.size());
        for (int i = 0; i < 1000; i++) {
            assertTrue(lines.get(i + 1).startsWith("CS-" + i + ","), lines.get(i + 1));
        }
    }

    @Test
    void aReadingFailureStopsTheWriterBeforeRunReturns() throws Exception {
        AtomicLong written = new AtomicLong();
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                written.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    throw new IOException("interrupted", e);
                }
                written.addAndGet(len);
            }
        };
        IllegalStateException database = new IllegalStateException("the database went away");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> OverlappedRows.run(executor, csv(slow), 10, rows -> {
                    for (int i = 0; i < 5000; i++) {
                        rows.add(row("CS-" + i));
                    }
                    throw database;
                }));
        assertSame(database, thrown);
        long after = written.get();
        Thread.sleep(200);
        assertEquals(after, written.get(), "nothing written once run() has returned");
    }

    @Test
    void aWritingFailureEndsTheReading() {
        IOException gone = new IOException("the client went away");
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw gone;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw gone;
            }
        };
        AtomicLong handed = new AtomicLong();
        IOException thrown = assertThrows(IOException.class, () -> OverlappedRows.run(executor, csv(failing), 10, rows -> {
            for (int i = 0; i < 10_000_000; i++) {
                rows.add(row("CS-" + i));
                handed.incrementAndGet();
            }
            return 10_000_000;
        }));
        assertSame(gone, thrown);
        assertTrue(handed.get() < 10_000_000, "the reading stopped at the writer's failure, after " + handed.get());
    }

    private static CsvRows csv(OutputStream out) {
        return new CsvRows(out, null, List.of());
    }

    /** A row with only its tracking number and the times, all else null. */
    private static byte[][] row(String trackingNumber) {
        byte[][] fields = new byte[PublishedText.LATITUDE][];
        fields[0] = trackingNumber.getBytes(StandardCharsets.UTF_8);
        fields[7] = "2026-01-02 03:04:05".getBytes(StandardCharsets.US_ASCII);
        return fields;
    }
}
