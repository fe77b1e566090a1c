package io.curbside.api.downloads;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The CSV's rows read on the calling thread (the one holding the read transaction, whose cursor fetches them) and
 * written on another, a fetch's worth at a time, so the database makes the next batch while the last is written.
 * On one thread the two took turns: the driver asks for the next batch only once the last is consumed, and the
 * database waited for every batch to be written. At most two batches wait between the threads, so memory stays
 * flat, and a writer held back by its client holds the reading back.
 * <p>
 * A failure of either side ends both before {@link #run} returns (the writer is interrupted out of any wait, and
 * waited for): no byte is written after it, and the failure is what {@link #run} throws.
 */
final class OverlappedRows {

    /** What reads the rows: hands each to {@link #add}, says how many. */
    @FunctionalInterface
    interface Reading {
        long read(OverlappedRows rows) throws IOException;
    }

    private static final byte[][][] END = new byte[0][][];
    private static final long POLL_MILLIS = 100;

    private final CsvRows csv;
    private final int batchRows;
    private final BlockingQueue<byte[][][]> batches = new ArrayBlockingQueue<>(2);
    private final CountDownLatch written = new CountDownLatch(1);
    private byte[][][] batch;
    private int count;
    private volatile boolean aborted;
    private volatile Throwable failure;
    /** The writing thread while it writes; guarded by this. */
    private Thread writer;

    private OverlappedRows(CsvRows csv, int batchRows) {
        this.csv = csv;
        this.batchRows = batchRows;
    }

    /**
     * Writes, with {@code csv} on a thread of {@code executor}, the header and then every row {@code reading} reads
     * on this thread; says how many rows it read.
     */
    static long run(Executor executor, CsvRows csv, int batchRows, Reading reading) throws IOException {
        OverlappedRows rows = new OverlappedRows(csv, batchRows);
        executor.execute(rows::write);
        long read;
        try {
            read = reading.read(rows);
            if (rows.count > 0) {
                rows.handOver(rows.batch);
            }
            rows.handOver(END);
            rows.awaitWriter();
        } catch (IOException | RuntimeException | Error e) {
            rows.abort();
            throw e;
        }
        rows.throwFailure();
        return read;
    }

    /** One row's fields ({@link CsvRows#fields}), to be written after those before it. */
    void add(byte[][] fields) throws IOException {
        if (batch == null) {
            batch = new byte[batchRows][][];
        }
        batch[count++] = fields;
        if (count == batchRows) {
            handOver(batch);
            batch = null;
            count = 0;
        }
    }

    private void handOver(byte[][][] rows) throws IOException {
        try {
            while (!batches.offer(rows, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (written.getCount() == 0) {
                    throwFailure();
                    throw new IOException("the CSV's writer ended before its last row");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing rows to the CSV's writer");
        }
    }

    private void write() {
        synchronized (this) {
            writer = Thread.currentThread();
        }
        try {
            if (aborted) {
                return;
            }
            csv.start();
            while (!aborted) {
                byte[][][] rows = batches.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (rows == END) {
                    csv.end();
                    return;
                }
                if (rows != null) {
                    for (byte[][] fields : rows) {
                        if (fields == null) {
                            break;
                        }
                        csv.row(fields);
                    }
                }
            }
        } catch (Exception | Error e) {
            failure = e;
        } finally {
            synchronized (this) {
                writer = null;
                // An interrupt meant for this writing must not outlive it on a pooled thread.
                Thread.interrupted();
            }
            written.countDown();
        }
    }

    private void awaitWriter() throws IOException {
        try {
            written.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the CSV's writer finished");
        }
    }

    /** Stops the writer, wherever it waits, and waits for it to end. */
    private void abort() {
        aborted = true;
        synchronized (this) {
            if (writer != null) {
                writer.interrupt();
            }
        }
        boolean interrupted = false;
        while (true) {
            try {
                written.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void throwFailure() throws IOException {
        Throwable e = failure;
        if (e == null) {
            return;
        }
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        throw new UncheckedIOException(new IOException("the CSV's writer failed", e));
    }
}
