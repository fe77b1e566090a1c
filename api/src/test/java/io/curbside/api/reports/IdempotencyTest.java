package io.curbside.api.reports;

import io.curbside.api.idempotency.IdempotencySettings;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A phone that retries after a timeout never files twice (Idempotency-Key, IETF httpapi draft). */
@MicronautTest(transactional = false)
class IdempotencyTest extends HttpTest {

    private int rows(String key) throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM service_request WHERE description = '" + key + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The record of a key, as the database finds it: by the key's SHA-256. */
    private static String whereKey(String key) {
        return " WHERE key = encode(sha256(convert_to('" + key + "', 'UTF8')), 'hex')";
    }

    private void sql(String statement) throws Exception {
        try (Connection c = connect()) {
            c.createStatement().execute(statement);
        }
    }

    @Test
    void aReplayAnswersTheFirstAnswerAndFilesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> report = Reports.aPothole().description(key).json();
        HttpResponse<Map<String, Object>> first = requests.file(report, key);
        HttpResponse<Map<String, Object>> again = requests.file(report, key);
        assertEquals(HttpStatus.CREATED, again.getStatus());
        assertEquals(first.body(), again.body(), "the same tracking number, receipt token and dates");
        assertEquals(first.getHeaders().get("Location"), again.getHeaders().get("Location"));
        assertNull(first.getHeaders().get("Idempotent-Replayed"));
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        assertEquals(1, rows(key));
        // The key as a structured-field string (the draft's form) is the same key.
        assertEquals(first.body().get("tracking_number"),
                requests.file(report, "\"" + key + "\"").body().get("tracking_number"));
        assertEquals(1, rows(key));
    }

    @Test
    void theDatabaseHoldsNeitherTheKeyNorAReadableReceiptToken() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<Map<String, Object>> first = requests.file(Reports.aPothole().description(key).json(), key);
        String token = (String) first.body().get("receipt_token");
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT key, body FROM idempotency_record" + whereKey(key))) {
            assertTrue(rs.next(), "the key is kept, hashed");
            assertNotEquals(key, rs.getString(1));
            String stored = new String(rs.getBytes(2), StandardCharsets.ISO_8859_1);
            assertFalse(stored.contains(token), "the receipt token is sealed");
            assertFalse(stored.contains("tracking_number"), "the whole answer is sealed");
        }
        assertEquals(token, requests.file(Reports.aPothole().description(key).json(), key).body().get("receipt_token"),
                "the client holding the key still gets its answer back");
    }

    @Test
    void theSameKeyWithAnotherReportIs422() throws Exception {
        String key = UUID.randomUUID().toString();
        requests.file(Reports.aPothole().description(key).json(), key);
        requests.problem(HttpRequest.POST("/v1/requests", Reports.aPothole().description(key).answer("size", "small")
                .json()).header("Idempotency-Key", key), HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused");
        assertEquals(1, rows(key));
    }

    /** Puts the key back to running, claimed by the session of {@code holder}, its lease good for a minute more. */
    private void claimedBy(Connection holder, String key) throws Exception {
        sql("UPDATE idempotency_record SET state = 'running', owner = gen_random_uuid(), status = NULL, body = NULL, "
                + "lease_until = now() + interval '1 minute', holder_pid = " + pid(holder) + ", holder_started = "
                + "(SELECT backend_start FROM pg_stat_activity WHERE pid = " + pid(holder) + ")" + whereKey(key));
    }

    private static int pid(Connection c) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Unwrites the filed request as the holder's rollback would have: history is append-only, replica mode lets it. */
    private void unfile(String key) throws Exception {
        sql("SET session_replication_role = replica; "
                + "DELETE FROM request_event WHERE request_id = (SELECT id FROM service_request WHERE description = '" + key + "'); "
                + "DELETE FROM service_request WHERE description = '" + key + "'");
    }

    @Test
    void aReplayWhileTheFirstIsStillRunningIs409AndSaysHowLongTheLeaseLasts() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> report = Reports.aPothole().description(key).json();
        requests.file(report, key);
        // As if the first attempt were still running on another node, whose database session is alive.
        try (Connection holder = connect()) {
            claimedBy(holder, key);
            requests.problem(HttpRequest.POST("/v1/requests", report).header("Idempotency-Key", key),
                    HttpStatus.CONFLICT, "idempotency-key-in-use");
            HttpClientResponseException busy = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                    .exchange(HttpRequest.POST("/v1/requests", report).header("Idempotency-Key", key), String.class));
            int wait = Integer.parseInt(busy.getResponse().getHeaders().get("Retry-After"));
            assertTrue(wait > 50 && wait <= 60, "the phone is told the lease's real wait, not " + wait);
        }
        assertEquals(1, rows(key));
    }

    @Test
    void aClaimWhoseDatabaseSessionIsGoneIsTakenOverAtOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> report = Reports.aPothole().description(key).json();
        requests.file(report, key);
        unfile(key);
        // The node was killed (or the database restarted) mid-request: its session is gone, its lease is not.
        int gone;
        try (Connection holder = connect()) {
            claimedBy(holder, key);
            gone = pid(holder);
        }
        try (Connection c = connect()) {
            for (int i = 0; i < 100 && exists(c, gone); i++) {
                Thread.sleep(20);
            }
        }
        HttpResponse<Map<String, Object>> retried = requests.file(report, key);
        assertEquals(HttpStatus.CREATED, retried.getStatus());
        assertNull(retried.getHeaders().get("Idempotent-Replayed"));
        assertEquals(1, rows(key));
    }

    private static boolean exists(Connection c, int pid) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid)) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    @RepeatedTest(3)
    void concurrentIdenticalRequestsFileExactlyOneRequest() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> report = Reports.aPothole().description(key).json();
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> answers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            answers.add(pool.submit((Callable<Object>) () -> {
                start.await();
                try {
                    HttpResponse<Map<String, Object>> r = requests.file(report, key);
                    return r.body().get("tracking_number");
                } catch (HttpClientResponseException e) {
                    return e.getStatus();
                }
            }));
        }
        start.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : answers) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, rows(key), outcomes::toString);
        List<Object> numbers = outcomes.stream().filter(String.class::isInstance).distinct().toList();
        assertEquals(1, numbers.size(), "every success names the one request: " + outcomes);
        assertTrue(outcomes.stream().allMatch(o -> o instanceof String || o == HttpStatus.CONFLICT), outcomes::toString);
    }

    @Test
    void aRefusedReportDoesNotUseUpItsKey() throws Exception {
        String key = UUID.randomUUID().toString();
        requests.problem(HttpRequest.POST("/v1/requests", Reports.of("pothole").description(key).json())
                .header("Idempotency-Key", key), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        HttpResponse<Map<String, Object>> fixed = requests.file(Reports.aPothole().description(key).json(), key);
        assertEquals(HttpStatus.CREATED, fixed.getStatus());
        assertEquals(1, rows(key));
    }

    @Test
    void aNodeThatDiedMidRequestLosesItsClaimWhenTheLeaseLapses() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> report = Reports.aPothole().description(key).json();
        requests.file(report, key);
        // The node claimed the key and died before its transaction committed: no request, a stale claim.
        unfile(key);
        sql("UPDATE idempotency_record SET state = 'running', owner = gen_random_uuid(), status = NULL, body = NULL, "
                + "lease_until = now() - interval '1 second' " + whereKey(key));
        HttpResponse<Map<String, Object>> retried = requests.file(report, key);
        assertEquals(HttpStatus.CREATED, retried.getStatus());
        assertNull(retried.getHeaders().get("Idempotent-Replayed"));
        assertEquals(1, rows(key));
    }

    @Test
    void keysAreKeptForAWeekAndForgottenAfter() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> report = Reports.aPothole().description(key).json();
        String first = (String) requests.file(report, key).body().get("tracking_number");
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT expires_at - created_at = interval '7 days' FROM idempotency_record " + whereKey(key))) {
            rs.next();
            assertTrue(rs.getBoolean(1));
        }
        sql("UPDATE idempotency_record SET expires_at = now() - interval '1 second' " + whereKey(key));
        String second = (String) requests.file(report, key).body().get("tracking_number");
        assertNotEquals(first, second, "an expired key is a new key");
        assertEquals(2, rows(key));
    }

    @Test
    void aRetentionShorterThanADayIsRefusedAtStartUp() {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> new IdempotencySettings(Duration.ofSeconds(60), Duration.ofHours(23)));
        assertTrue(refused.getMessage().contains("at least 24h"), refused.getMessage());
    }

    @Test
    void requestsWithoutAKeyAreNotDeduplicated() throws Exception {
        String marker = UUID.randomUUID().toString();
        requests.file(Reports.aPothole().description(marker).json());
        requests.file(Reports.aPothole().description(marker).json());
        assertEquals(2, rows(marker));
    }
}
