package io.curbside.api.sdk;

import io.curbside.api.testing.DatabaseTest;
import io.curbside.sdk.CurbsideClient;
import io.curbside.sdk.Delivery;
import io.curbside.sdk.OutboxReport;
import io.curbside.sdk.ReportOutbox;
import io.curbside.sdk.model.NewServiceRequest;
import io.curbside.sdk.model.Problem;
import io.curbside.sdk.model.ReportedLocation;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK's outbox keeps a resident's report through a lost network and has it filed exactly once. */
@MicronautTest(transactional = false)
class ReportOutboxTest extends DatabaseTest {

    @Inject
    EmbeddedServer server;

    private final Hands clock = new Hands(Instant.parse("2025-05-01T09:00:00Z"));

    @Test
    void aReportWithTwoPhotosMadeOfflineIsFiledOnceTheNetworkIsBack(@TempDir Path phone) throws Exception {
        File folder = phone.resolve("outbox").toFile();
        String description = unique("Pothole reported in a dead zone");
        File first = photo(phone, "first.jpg", Color.DARK_GRAY);
        File second = photo(phone, "second.png", Color.ORANGE);
        ReportOutbox offline = new ReportOutbox(folder, client(closedPort()), clock);
        String id = offline.enqueue(aPothole(description), List.of(first, second));
        // The gallery may drop the originals: the outbox kept its own copies.
        Files.delete(first.toPath());
        Files.delete(second.toPath());

        Delivery failed = offline.sendPending().get(0);
        assertEquals(Delivery.Outcome.WAITING, failed.getOutcome());
        assertEquals(0, failed.getStatusCode());
        assertEquals(List.of(id), ids(offline.pending()));
        assertEquals(1, offline.pending().get(0).getAttempts());

        clock.advance(Duration.ofMinutes(5));
        ReportOutbox reopened = new ReportOutbox(folder, client(server.getURL().toString()), clock);
        List<Delivery> deliveries = reopened.sendPending();
        assertEquals(1, deliveries.size());
        Delivery filed = deliveries.get(0);
        assertEquals(id, filed.getReportId());
        assertEquals(Delivery.Outcome.FILED, filed.getOutcome());
        assertEquals(201, filed.getStatusCode());
        assertFalse(filed.isReplayed());
        assertTrue(filed.getCreated().getTrackingNumber().startsWith("CS-"));
        assertNotNull(filed.getCreated().getReceiptToken());
        assertEquals(2, filed.getCreated().getPhotos().size());
        assertTrue(reopened.pending().isEmpty());
        assertEquals(List.of(filed.getCreated().getTrackingNumber()), trackingNumbers(description));

        // The app stopped before it stored the answer: it is still there on the next start, until acknowledged.
        ReportOutbox nextStart = new ReportOutbox(folder, client(server.getURL().toString()), clock);
        List<Delivery> kept = nextStart.filed();
        assertEquals(List.of(id), kept.stream().map(Delivery::getReportId).toList());
        assertEquals(filed.getCreated().getTrackingNumber(), kept.get(0).getCreated().getTrackingNumber());
        assertEquals(filed.getCreated().getReceiptToken(), kept.get(0).getCreated().getReceiptToken());
        nextStart.acknowledge(id);
        assertTrue(nextStart.filed().isEmpty());
    }

    @Test
    void numberAnswersAreSentAsTheResidentGaveThem(@TempDir Path phone) throws Exception {
        String description = unique("White van, parked for days");
        NewServiceRequest report = aPothole(description);
        report.setServiceCode("abandoned-vehicle");
        report.setAnswers(new HashMap<>(Map.of("vehicle", "white van", "days-parked", 12)));
        ReportOutbox outbox = new ReportOutbox(phone.resolve("outbox").toFile(), client(server.getURL().toString()),
                clock);
        outbox.enqueue(report, List.of());
        assertEquals(Delivery.Outcome.FILED, outbox.sendPending().get(0).getOutcome());
        assertEquals(List.of("12"), column("SELECT answers->>'days-parked' FROM service_request WHERE description = ?",
                description), "read back from the phone's disk as 12, not 12.0");
    }

    @Test
    void aWaitSetByAClockThatWasWrongDoesNotHoldAReportForYears(@TempDir Path phone) throws Exception {
        String description = unique("Streetlight out, clock set to 2030");
        CurbsideClient client = client(closedPort());
        Hands wrong = new Hands(Instant.parse("2030-01-01T00:00:00Z"));
        File folder = phone.resolve("outbox").toFile();
        ReportOutbox outbox = new ReportOutbox(folder, client, wrong);
        outbox.enqueue(aPothole(description), List.of());
        assertEquals(Delivery.Outcome.WAITING, outbox.sendPending().get(0).getOutcome());

        ReportOutbox corrected = new ReportOutbox(folder, client(server.getURL().toString()), clock);
        assertEquals(Delivery.Outcome.FILED, corrected.sendPending().get(0).getOutcome());
        assertEquals(1, count("SELECT count(*) FROM service_request WHERE description = ?", description));
    }

    @Test
    void whenTheAnswerIsLostAfterTheCityFiledTheReportTheResendIsNotASecondReport(@TempDir Path phone)
            throws Exception {
        String description = unique("Pothole, the answer lost on its way back");
        CurbsideClient client = client(server.getURL().toString());
        AtomicBoolean dropped = new AtomicBoolean();
        client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor(chain -> {
            Response answer = chain.proceed(chain.request());
            if (dropped.compareAndSet(false, true)) {
                answer.close();
                throw new IOException("connection reset while the answer was on its way");
            }
            return answer;
        }).build());
        ReportOutbox outbox = new ReportOutbox(phone.resolve("outbox").toFile(), client, clock);
        String id = outbox.enqueue(aPothole(description), List.of(photo(phone, "hole.jpg", Color.GRAY)));

        Delivery lost = outbox.sendPending().get(0);
        assertEquals(Delivery.Outcome.WAITING, lost.getOutcome());
        assertEquals(List.of(id), ids(outbox.pending()));
        List<String> filedByTheCity = trackingNumbers(description);
        assertEquals(1, filedByTheCity.size());

        clock.advance(Duration.ofMinutes(1));
        Delivery resent = outbox.sendPending().get(0);
        assertEquals(Delivery.Outcome.FILED, resent.getOutcome());
        assertTrue(resent.isReplayed());
        assertEquals(filedByTheCity.get(0), resent.getCreated().getTrackingNumber());
        assertEquals(1, resent.getCreated().getPhotos().size());
        assertEquals(1, count("SELECT count(*) FROM service_request WHERE description = ?", description));
        assertTrue(outbox.pending().isEmpty());
    }

    @Test
    void aReportTheCityRefusesIsSetAsideWithItsProblemAndNotSentAgain(@TempDir Path phone) throws Exception {
        String description = unique("A service that does not exist");
        NewServiceRequest report = aPothole(description);
        report.setServiceCode("unicorn_sighting");
        ReportOutbox outbox = new ReportOutbox(phone.resolve("outbox").toFile(), client(server.getURL().toString()),
                clock);
        String id = outbox.enqueue(report, List.of(photo(phone, "unicorn.jpg", Color.PINK)));

        Delivery refused = outbox.sendPending().get(0);
        assertEquals(Delivery.Outcome.REFUSED, refused.getOutcome());
        assertEquals(422, refused.getStatusCode());
        Problem problem = refused.getProblem();
        assertNotNull(problem, refused.getProblemBody());
        assertEquals("urn:curbside:problem:invalid-fields", problem.getType());
        assertTrue(problem.getViolations().stream().anyMatch(v -> v.getField().equals("service_code")));
        assertTrue(outbox.pending().isEmpty());

        List<OutboxReport> setAside = outbox.refused();
        assertEquals(List.of(id), ids(setAside));
        assertEquals("unicorn_sighting", setAside.get(0).getReport().getServiceCode());
        assertEquals("urn:curbside:problem:invalid-fields", setAside.get(0).getProblem().getType());
        assertEquals(1, setAside.get(0).getPhotos().size());

        clock.advance(Duration.ofDays(1));
        assertTrue(outbox.sendPending().isEmpty());
        assertEquals(0, count("SELECT count(*) FROM service_request WHERE description = ?", description));
        outbox.discard(id);
        assertTrue(outbox.refused().isEmpty());
    }

    @Test
    void anEntryLeftHalfWrittenByACrashIsClearedAndNeverSent(@TempDir Path phone) throws Exception {
        File folder = phone.resolve("outbox").toFile();
        String description = unique("Written when the battery died");
        ReportOutbox before = new ReportOutbox(folder, client(closedPort()), clock);
        String id = before.enqueue(aPothole(description), List.of(photo(phone, "dark.jpg", Color.BLACK)));
        // The app died after writing every file of the entry but before the rename that makes it whole.
        Path pending = folder.toPath().resolve("pending").resolve(id);
        Path unfinished = folder.toPath().resolve("unfinished").resolve(id);
        Files.move(pending, unfinished);

        ReportOutbox after = new ReportOutbox(folder, client(server.getURL().toString()), clock);
        assertTrue(after.pending().isEmpty());
        assertTrue(after.sendPending().isEmpty());
        assertFalse(Files.exists(unfinished));
        assertEquals(0, count("SELECT count(*) FROM service_request WHERE description = ?", description));
    }

    @Test
    void aFailedReportWaitsLongerAfterEachFailureBeforeItIsTriedAgain(@TempDir Path phone) throws Exception {
        String description = unique("Graffiti on the underpass");
        CurbsideClient client = client(closedPort());
        ReportOutbox outbox = new ReportOutbox(phone.resolve("outbox").toFile(), client, clock);
        outbox.enqueue(aPothole(description), List.of());

        assertEquals(clock.instant().plusSeconds(30), outbox.sendPending().get(0).getNextAttemptAt());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(clock.instant().plusSeconds(60), outbox.sendPending().get(0).getNextAttemptAt());
        assertEquals(2, outbox.pending().get(0).getAttempts());

        client.setBasePath(server.getURL().toString());
        clock.advance(Duration.ofSeconds(59));
        assertTrue(outbox.sendPending().isEmpty());
        assertEquals(0, count("SELECT count(*) FROM service_request WHERE description = ?", description));

        clock.advance(Duration.ofSeconds(1));
        assertEquals(Delivery.Outcome.FILED, outbox.sendPending().get(0).getOutcome());
        assertEquals(1, count("SELECT count(*) FROM service_request WHERE description = ?", description));
    }

    @Test
    void reportsAreFiledInTheOrderTheResidentMadeThem(@TempDir Path phone) throws Exception {
        String description = unique("One of three");
        ReportOutbox outbox = new ReportOutbox(phone.resolve("outbox").toFile(), client(server.getURL().toString()),
                clock);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // The same instant each time: the order must not hang on the clock.
            made.add(outbox.enqueue(aPothole(description), List.of()));
        }
        assertEquals(made, ids(outbox.pending()));

        List<String> sent = outbox.sendPending().stream().map(Delivery::getReportId).toList();
        assertEquals(made, sent);
        assertEquals(3, count("SELECT count(*) FROM service_request WHERE description = ?", description));
    }

    private static CurbsideClient client(String basePath) {
        CurbsideClient client = new CurbsideClient();
        client.setBasePath(basePath);
        return client;
    }

    /** The address of a port nothing listens on, as good as no network. */
    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://localhost:" + socket.getLocalPort();
        }
    }

    private static NewServiceRequest aPothole(String description) {
        NewServiceRequest report = new NewServiceRequest();
        report.setServiceCode("pothole");
        ReportedLocation location = new ReportedLocation();
        location.setLat(39.997113);
        location.setLon(-82.992588);
        report.setLocation(location);
        report.putAnswersItem("size", "medium");
        report.setDescription(description);
        return report;
    }

    private static String unique(String description) {
        return description + " " + UUID.randomUUID();
    }

    private static File photo(Path folder, String name, Color colour) throws IOException {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        File file = folder.resolve(name).toFile();
        ImageIO.write(image, name.endsWith(".png") ? "png" : "jpeg", file);
        return file;
    }

    private static List<String> ids(List<OutboxReport> reports) {
        return reports.stream().map(OutboxReport::getId).toList();
    }

    /** The one column a query returns for the requests filed with this description, row by row. */
    private List<String> column(String sql, String description) throws Exception {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, description);
            List<String> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        }
    }

    private List<String> trackingNumbers(String description) throws Exception {
        return column("SELECT tracking_number FROM service_request WHERE description = ?", description);
    }

    private long count(String sql, String description) throws Exception {
        return Long.parseLong(column(sql, description).get(0));
    }

    /** A clock the test moves by hand. */
    private static final class Hands extends Clock {

        private Instant now;

        Hands(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
