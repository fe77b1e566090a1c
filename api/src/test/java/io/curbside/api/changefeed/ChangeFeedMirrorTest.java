package io.curbside.api.changefeed;

import io.curbside.api.opendata.HeldChangesRelease;
import io.curbside.api.testing.CatalogAdmin;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Personal;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.curbside.api.testing.Personal.DESCRIPTION;
import static io.curbside.api.testing.Personal.EMAIL;
import static io.curbside.api.testing.Personal.NAME;
import static io.curbside.api.testing.Personal.PHONE;
import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The change feed as a mirror uses it: replayed from the start while requests are filed and changed, it
 * ends holding exactly what the OGC items route serves; a withheld service's requests leave tombstones;
 * requests of a dates-only (sensitive) class are held out of the feed until the city's day is over.
 */
@MicronautTest(transactional = false)
class ChangeFeedMirrorTest extends HttpTest {

    private static final String LIGHTS = "streetlight-out";
    private static final Duration HORIZON = Duration.ofSeconds(30);

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    @Inject
    HeldChangesRelease release;

    private FeedClient feed;
    private People people;
    private CatalogAdmin admin;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void clients() {
        feed = new FeedClient(server.getPort(), mapper);
        people = new People(http);
        admin = new CatalogAdmin(http, token(people.admin()));
    }

    private String pothole() {
        return file(Reports.aPothole());
    }

    private String light() {
        return file(Reports.of(LIGHTS).answer("problem", "out").north(3000));
    }

    private String file(Reports report) {
        return (String) requests.filed(report.contact(NAME, EMAIL, PHONE).description(DESCRIPTION)).get("tracking_number");
    }

    @SuppressWarnings("unchecked")
    private void privacy(String code, String privacyClass) {
        HttpResponse<Map<String, Object>> current = admin.get(code);
        Map<String, Object> entry = new HashMap<>((Map<String, Object>) current.body().get("definition"));
        admin.replace(code, CatalogAdmin.with(entry, "privacy", privacyClass), current.getHeaders().get("ETag"));
    }

    /** Applies the feed from {@code since} to the mirror: a feature replaces, a tombstone deletes. The next position. */
    private static String apply(FeedClient.Walk walk, Map<String, Object> mirror) {
        for (Map<String, Object> entry : walk.entries()) {
            String number = (String) entry.get("tracking_number");
            if ("withdrawn".equals(entry.get("kind"))) {
                assertEquals(List.of("tracking_number", "kind"), List.copyOf(entry.keySet()), "a tombstone carries nothing else");
                mirror.remove(number);
            } else {
                mirror.put(number, entry.get("feature"));
            }
        }
        return walk.next();
    }

    private String catchUp(Map<String, Object> mirror, String since) {
        String[] position = {since};
        Map<String, Object> items = feed.items();
        await().atMost(HORIZON).until(() -> {
            position[0] = apply(feed.walk(position[0], 7), mirror);
            return mirror.equals(items);
        });
        assertEquals(items, mirror);
        // And a fresh export: the same features, whole, as the mirror built from the feed.
        assertEquals(feed.exported(), mirror, "the mirror equals a fresh export");
        return position[0];
    }

    @Test
    void aMirrorReplayingTheFeedWhileRequestsChangeEndsAsTheItemsRouteAndTheExportServe() throws Exception {
        List<String> filed = new CopyOnWriteArrayList<>();
        String streets = token(people.staffOf("streets"));
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> writing = writer.submit(() -> {
            List<String> potholes = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                if (i % 3 == 0) {
                    filed.add(light());
                } else {
                    potholes.add(pothole());
                    filed.add(potholes.get(potholes.size() - 1));
                }
                if (i % 4 == 3) {
                    http.toBlocking().exchange(HttpRequest.POST("/v1/requests/" + filed.get(i / 2) + "/me-too",
                            Map.of("device_id", "device-" + i)), JSON);
                }
                if (i % 5 == 4) {
                    acknowledge(potholes.get(potholes.size() / 2), streets);
                }
            }
            return null;
        });
        Map<String, Object> mirror = new HashMap<>();
        String position = null;
        try {
            while (!writing.isDone()) {
                position = apply(feed.walk(position, 5), mirror);
            }
            writing.get();
        } finally {
            writer.shutdownNow();
        }
        position = catchUp(mirror, position);
        assertTrue(mirror.keySet().containsAll(filed));
        String everything = mapper.writeValueAsString(mirror);
        Personal.assertNoneIn(everything, "the feed");

        List<String> lights = new ArrayList<>(filed.stream().filter(n -> ((Map<?, ?>) ((Map<?, ?>) mirror.get(n))
                .get("properties")).get("service_code").equals(LIGHTS)).toList());
        privacy(LIGHTS, "withheld");
        try {
            position = catchUp(mirror, position);
            assertTrue(lights.stream().noneMatch(mirror::containsKey), "a withheld service's requests are deleted");
        } finally {
            privacy(LIGHTS, "open");
        }
        catchUp(mirror, position);
        assertTrue(mirror.keySet().containsAll(lights), "and come back when it is open again");
    }

    /** A staff move: acknowledged, or (already acknowledged) in progress. */
    private void acknowledge(String number, String staff) {
        String status = "received".equals(requests.status(number).get("status")) ? "acknowledged" : "in_progress";
        String etag = http.toBlocking().exchange(HttpRequest.GET("/v1/staff/requests/" + number).bearerAuth(staff), JSON)
                .getHeaders().get("ETag");
        http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + number + "/status",
                Map.of("status", status, "note", "Crew booked.")).header("If-Match", etag).bearerAuth(staff), JSON);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDatesOnlyClassIsHeldOutOfTheFeedUntilTheCitysDayIsOver() throws Exception {
        privacy(LIGHTS, "sensitive");
        try {
            String light = light();
            String pothole = pothole();
            FeedClient.Walk before = await().atMost(HORIZON).until(() -> feed.walk(null, null),
                    w -> w.numbers().contains(pothole));
            assertFalse(before.numbers().contains(light), "held while its day lasts, though filed before " + pothole);
            // Nor listed anywhere else until then (V24): its first appearance would tell its minute.
            assertEquals(404, feed.get(FeedClient.ITEMS + "/" + light + "?f=json").statusCode(), "not yet an item");
            assertFalse(new String(feed.get(FeedClient.ITEMS + "?f=json&limit=1000").body(), StandardCharsets.UTF_8)
                    .contains(light), "not yet in the items");
            assertFalse(new String(feed.get("/v1/opendata/requests.csv").body(), StandardCharsets.UTF_8).contains(light),
                    "not yet in the export");
            assertEquals(200, feed.get("/v1/requests/" + light).statusCode(), "its status page answers its reporter");
            assertEquals(0, release.release(), "the city's day is not over");

            try (Connection c = connect()) {
                c.createStatement().executeUpdate(
                        "UPDATE opendata.published_request SET held_on = held_on - 1 WHERE held_on IS NOT NULL");
                c.setAutoCommit(false);
                c.createStatement().execute("SELECT pg_advisory_xact_lock(hashtext('curbside opendata held changes release'))");
                assertEquals(-1, release.release(), "another node holds the release");
                c.rollback();
            }
            // Not asserting its count: the scheduled run may have released them a moment ago; what shows is the feed.
            release.release();
            FeedClient.Walk after = await().atMost(HORIZON).until(() -> feed.walk(before.next(), null),
                    w -> w.numbers().contains(light));
            for (Map<String, Object> entry : after.entries()) {
                Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) entry.get("feature")).get("properties");
                assertEquals(LIGHTS, properties.get("service_code"), "only the held rows are released");
                LocalTime received = Instant.parse((String) properties.get("received_at")).atZone(ZoneId.of("America/New_York"))
                        .toLocalTime();
                assertEquals(LocalTime.MIDNIGHT, received, "a dates-only class publishes the day");
            }
            try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                    SELECT count(DISTINCT changed_xid), count(*) FILTER (WHERE held_on IS NOT NULL)
                    FROM opendata.published_request WHERE service_code = 'streetlight-out' AND withdrawn_at IS NULL""")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1), "released in one transaction: one place in the feed");
                assertEquals(0, rs.getInt(2));
            }
            assertEquals(200, feed.get(FeedClient.ITEMS + "/" + light + "?f=json").statusCode(), "listed once released");
            assertTrue(new String(feed.get("/v1/opendata/requests.csv").body(), StandardCharsets.UTF_8).contains(light),
                    "and exported");
            assertEquals(0, release.release(), "nothing left to release");
        } finally {
            privacy(LIGHTS, "open");
        }
    }

    @Test
    void aSensitiveRequestWithdrawnBeforeItWasEverListedLeavesNoTombstone() throws Exception {
        privacy(LIGHTS, "sensitive");
        String light;
        try {
            light = light();
            assertEquals(404, feed.get(FeedClient.ITEMS + "/" + light + "?f=json").statusCode(), "not listed on its day");
        } finally {
            privacy(LIGHTS, "withheld");
        }
        try {
            // A tombstone would tell the feed's readers that it existed, and when it was withdrawn.
            try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT count(*) FROM opendata.published_request WHERE tracking_number = '" + light + "'")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1), "no row at all, not even a tombstone");
            }
            String later = pothole();
            FeedClient.Walk walk = await().atMost(HORIZON).until(() -> feed.walk(null, null), w -> w.numbers().contains(later));
            assertFalse(walk.numbers().contains(light), "the feed never names it");
        } finally {
            privacy(LIGHTS, "open");
        }
    }
}
