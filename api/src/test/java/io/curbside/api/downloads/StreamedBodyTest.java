package io.curbside.api.downloads;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A download's place is the subscription's: a body built but never subscribed (the client gone before the answer
 * was written, a filter that replaced it) holds none, and one cancelled gives its place back once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamedBodyTest {

    private static final StreamedBody.Limits LIMITS = new StreamedBody.Limits(Duration.ofSeconds(30), Duration.ofHours(1));
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final IllegalStateException full = new IllegalStateException("full");

    @AfterAll
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aBodyNeverSubscribedHoldsNoPlace() {
        Semaphore place = new Semaphore(1);
        for (int i = 0; i < 5; i++) {
            body(place);
        }
        assertEquals(1, place.availablePermits());
        assertEquals(3 * StreamedBody.CHUNK_BYTES, body(place).map(chunk -> chunk.length).reduce(0, Integer::sum).block());
        await().atMost(Duration.ofSeconds(5)).until(() -> place.availablePermits() == 1);
    }

    @Test
    void aCancelledBodyGivesItsPlaceBackOnce() {
        Semaphore place = new Semaphore(1);
        assertEquals(StreamedBody.CHUNK_BYTES, body(place).blockFirst().length, "the first chunk, then a cancel");
        await().atMost(Duration.ofSeconds(5)).until(() -> place.availablePermits() == 1);
        assertEquals(1, place.availablePermits(), "given back once, not twice");
    }

    @Test
    void aBodyWithoutAPlaceFailsBeforeItsFirstByte() {
        Semaphore place = new Semaphore(0);
        assertSame(full, assertThrows(IllegalStateException.class, () -> body(place).blockFirst()));
        assertEquals(0, place.availablePermits());
    }

    private Flux<byte[]> body(Semaphore place) {
        return StreamedBody.of(executor, false, "A test body", out -> out.write(new byte[3 * StreamedBody.CHUNK_BYTES]),
                place, LIMITS, () -> full);
    }
}
