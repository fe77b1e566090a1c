package io.curbside.api.downloads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * A response body written by blocking code to an {@link OutputStream} on a thread of its own, sent as chunks of
 * {@value #CHUNK_BYTES} bytes as the client takes them. Micronaut sends each {@code byte[]} of a {@link Flux} as
 * it comes (ResponseLifecycle: a Publisher body is concatenated into a streaming ByteBody, chunked, no
 * Content-Length) and asks for the next when Netty's channel can take more; the writing thread waits for that
 * demand, so memory holds a chunk or two whatever the size of the download.
 * <p>
 * Nothing is sent before the first chunk is full: an error before it (a filter that times out) is still an
 * ordinary problem answer. An error after it ends the body with an error, on which Netty closes the connection
 * without the last chunk, so the client sees a cut download, never one that looks complete; it is logged once here.
 */
final class StreamedBody {

    static final int CHUNK_BYTES = 32 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(StreamedBody.class);

    /** What writes the body. */
    interface Writing {
        void writeTo(OutputStream out) throws Exception;
    }

    private StreamedBody() {
    }

    /**
     * The body {@code writing} writes, gzipped if asked, started on {@code executor} when Micronaut subscribes, if
     * {@code place} can be taken then: else the body fails before its first byte, an ordinary 503. The place is
     * taken only by a subscription, and given back once by the writing thread however it ended, so a body never
     * subscribed (the client gone before the answer, a filter that replaced it) holds none. The client must ask
     * for the next chunk within {@code limits.stall()}, and the whole body be sent within
     * {@code limits.maxDuration()}; past either the connection is cut: each holds a connection and a read
     * transaction of the database.
     */
    static Flux<byte[]> of(Executor executor, boolean gzip, String what, Writing writing, Semaphore place,
                           Limits limits, Supplier<RuntimeException> full) {
        return of(executor, gzip, what, writing, place, limits, full, () -> () -> { });
    }

    /**
     * As {@link #of(Executor, boolean, String, Writing, Semaphore, Limits, Supplier)}, the connection held open
     * by {@code connection} from the subscription until the writing thread ends.
     */
    static Flux<byte[]> of(Executor executor, boolean gzip, String what, Writing writing, Semaphore place,
                           Limits limits, Supplier<RuntimeException> full, Connection connection) {
        return Flux.create(sink -> {
            if (!place.tryAcquire()) {
                sink.error(full.get());
                return;
            }
            Runnable letGo = connection.holdOpen();
            AtomicBoolean held = new AtomicBoolean(true);
            Runnable release = () -> {
                if (held.getAndSet(false)) {
                    place.release();
                    letGo.run();
                }
            };
            Chunks chunks = new Chunks(sink, limits);
            sink.onRequest(n -> chunks.wake());
            sink.onCancel(chunks::cancel);
            try {
                executor.execute(() -> {
                    try {
                        write(chunks, gzip, writing);
                        sink.complete();
                    } catch (Exception | Error e) {
                        if (chunks.cancelled()) {
                            LOG.debug("{}: the client went away after {} bytes", what, chunks.sent());
                        } else {
                            LOG.warn("{} failed after {} bytes, the connection is cut: {}", what, chunks.sent(), reason(e));
                            sink.error(e);
                        }
                    } finally {
                        release.run();
                    }
                });
            } catch (RuntimeException e) {
                release.run();
                sink.error(e);
            }
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /**
     * Keeps the connection open while the body is written, whatever the server's idle timeout: the body's own
     * limits bound its waits instead. Says how to let it go.
     */
    @FunctionalInterface
    interface Connection {
        Runnable holdOpen();
    }

    /** How long a client may take: to ask for the next chunk, and for the whole body. */
    record Limits(Duration stall, Duration maxDuration) {
    }

    private static void write(Chunks chunks, boolean gzip, Writing writing) throws Exception {
        if (!gzip) {
            writing.writeTo(chunks);
            chunks.finish();
            return;
        }
        GZIPOutputStream out = new GZIPOutputStream(chunks, CHUNK_BYTES);
        try {
            writing.writeTo(out);
            out.finish();
            chunks.finish();
        } finally {
            // Frees the deflater; after a failure the chunks take nothing more, so no trailer makes it look whole.
            chunks.discard();
            out.close();
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Collects bytes into chunks and hands each to the sink once the client has asked for one. */
    private static final class Chunks extends OutputStream {

        private final FluxSink<byte[]> sink;
        private final Duration stall;
        private final long deadline;
        private final byte[] buffer = new byte[CHUNK_BYTES];
        private int count;
        private long sent;
        private volatile boolean cancelled;
        private boolean discarded;

        Chunks(FluxSink<byte[]> sink, Limits limits) {
            this.sink = sink;
            this.stall = limits.stall();
            this.deadline = System.nanoTime() + limits.maxDuration().toNanos();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (discarded) {
                return;
            }
            while (length > 0) {
                int n = Math.min(length, buffer.length - count);
                System.arraycopy(bytes, offset, buffer, count, n);
                count += n;
                offset += n;
                length -= n;
                if (count == buffer.length) {
                    emit();
                }
            }
        }

        /** Sends what is left: the body is complete. */
        void finish() throws IOException {
            if (count > 0) {
                emit();
            }
            discarded = true;
        }

        void discard() {
            discarded = true;
        }

        private void emit() throws IOException {
            long waitingSince = System.nanoTime();
            synchronized (this) {
                while (!cancelled && sink.requestedFromDownstream() == 0) {
                    long now = System.nanoTime();
                    if (now - waitingSince >= stall.toNanos()) {
                        throw new IOException("the client asked for nothing more in " + stall);
                    }
                    if (now - deadline >= 0) {
                        throw new IOException("the download took longer than it may");
                    }
                    try {
                        wait(Math.max(1, Math.min(1000, stall.toMillis() - (now - waitingSince) / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for the client", e);
                    }
                }
            }
            if (cancelled) {
                throw new IOException("the client went away");
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException("the download took longer than it may");
            }
            sink.next(Arrays.copyOf(buffer, count));
            sent += count;
            count = 0;
        }

        synchronized void wake() {
            notifyAll();
        }

        synchronized void cancel() {
            cancelled = true;
            notifyAll();
        }

        boolean cancelled() {
            return cancelled;
        }

        long sent() {
            return sent;
        }
    }
}
