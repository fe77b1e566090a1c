package io.curbside.api.catalog;

import io.curbside.api.testing.DatabaseTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Residents keep getting whole catalogs while an import or an admin edit commits. */
@MicronautTest(transactional = false)
class CatalogUnderWriteTest extends DatabaseTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void readersNeverSeeAHalfWrittenCatalog() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger begun = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        Future<?>[] running = new Future<?>[4];
        for (int r = 0; r < running.length; r++) {
            running[r] = readers.submit(() -> {
                while (writing.get()) {
                    begun.incrementAndGet();
                    int status;
                    try {
                        status = client.toBlocking().exchange(HttpRequest.GET("/v1/services"), String.class).code();
                    } catch (HttpClientResponseException e) {
                        status = e.code();
                    }
                    statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                }
            });
        }
        // Each transaction adds a department and a service that needs it, as an import does.
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            for (int i = 0; i < 150; i++) {
                c.createStatement().execute("INSERT INTO department (code, name) VALUES ('d" + i + "', '{\"en\": \"D\"}')");
                c.createStatement().execute("""
                        INSERT INTO service (code, group_code, department_code, name, description, target_value,
                            target_unit, photo_policy, privacy_class, anonymous_allowed, sort_order)
                        SELECT 's%d', code, 'd%d', '{"en": "S"}', '{"en": "S"}', 1, 'hours', 'accepted', 'open', true, 99
                        FROM service_group LIMIT 1""".formatted(i, i));
                c.commit();
                // Readers get between the commits, where the race was: a read begins after each one.
                int committed = begun.get();
                await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .until(() -> begun.get() > committed);
            }
        } finally {
            writing.set(false);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            readers.shutdown();
        }
        assertEquals(Map.of(200, statuses.get(200)), statuses, "only 200s: " + statuses);
        assertTrue(statuses.get(200).get() > 100, "the readers really ran: " + statuses);
    }
}
