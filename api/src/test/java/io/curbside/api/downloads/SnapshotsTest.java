package io.curbside.api.downloads;

import io.curbside.api.testing.CatalogAdmin;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Personal;
import io.curbside.api.testing.Reports;
import io.micronaut.core.type.Argument;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static io.curbside.api.testing.Personal.SECRETS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily snapshots: the job run directly writes each format once, the list and the files agree with the table
 * (size, SHA-256, row count), a node that does not get the lock writes nothing, old snapshots go, and a name that
 * is not listed (or is a path) is a 404.
 */
@MicronautTest(transactional = false)
class SnapshotsTest extends HttpTest {

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    @Inject
    Snapshots snapshots;

    private final HttpClient client = HttpClient.newHttpClient();
    private Path directory;

    @Override
    protected Map<String, String> extraProperties() {
        try {
            Files.createDirectories(Path.of("target", "test-snapshots"));
            directory = Files.createTempDirectory(Path.of("target", "test-snapshots"), "SnapshotsTest-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new HashMap<>(People.bootstrapAdmin());
        properties.put("curbside.opendata-snapshots.directory", directory.toString());
        return properties;
    }

    private final List<String> seeded = new ArrayList<>();

    @BeforeAll
    void seed() {
        for (int i = 0; i < 3; i++) {
            seeded.add((String) requests.filed(Personal.of(Reports.aPothole())).get("tracking_number"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachFormatIsWrittenOnceListedAndServedAsTheTableSays() throws Exception {
        reset();
        assertEquals(3, snapshots.run());
        assertEquals(0, snapshots.run(), "today's are written");
        Map<String, Object> list = json(ok(get("/v1/opendata/snapshots")).body());
        List<Map<String, Object>> entries = (List<Map<String, Object>>) list.get("snapshots");
        assertEquals(3, entries.size());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (Map<String, Object> entry : entries) {
            String name = (String) entry.get("name");
            assertEquals("curbside-requests-" + today + "." + entry.get("format") + ".gz", name);
            assertEquals(today, entry.get("date"));
            String url = (String) entry.get("url");
            assertTrue(url.endsWith("/v1/opendata/snapshots/" + name), url);
            HttpResponse<byte[]> file = ok(get(URI.create(url).getPath()));
            assertEquals("application/gzip", header(file, "Content-Type"));
            assertEquals("attachment; filename=\"" + name + "\"", header(file, "Content-Disposition").replace("; filename*=utf-8''" + name, ""));
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.body()));
            assertEquals(entry.get("sha256"), sha);
            assertEquals('"' + sha + '"', header(file, "ETag"));
            assertEquals(((Number) entry.get("size_bytes")).longValue(), file.body().length);
            byte[] content = new GZIPInputStream(new ByteArrayInputStream(file.body())).readAllBytes();
            String text = new String(content, StandardCharsets.UTF_8);
            for (String secret : SECRETS) {
                assertFalse(text.contains(secret), secret + " is in the snapshot " + name);
            }
            long rows = switch ((String) entry.get("format")) {
                case "csv" -> Rfc4180.parse(text).size() - 1L;
                case "ndjson" -> text.lines().count();
                default -> ((List<Object>) json(content).get("features")).size();
            };
            assertEquals(3L, rows, name);
            assertEquals(rows, ((Number) entry.get("row_count")).longValue(), name);
            assertArrayEquals(ok(get("/v1/opendata/requests." + entry.get("format"))).body(), content,
                    "the snapshot is the unfiltered download");
            assertEquals(304, get(URI.create(url).getPath(), "If-None-Match", '"' + sha + '"').statusCode());
        }
    }

    @Test
    void aNodeThatDoesNotGetTheLockWritesNothing() throws Exception {
        reset();
        try (Connection other = connect(); Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + SnapshotRepository.LOCK + ")");
            assertEquals(0, snapshots.run(), "another node holds the lock");
            assertEquals(0, files().size());
            s.execute("SELECT pg_advisory_unlock(" + SnapshotRepository.LOCK + ")");
        }
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<Integer> node = () -> {
                start.await();
                return snapshots.run();
            };
            Future<Integer> first = nodes.submit(node);
            Future<Integer> second = nodes.submit(node);
            start.countDown();
            assertEquals(3, first.get() + second.get(), "two nodes at once write each file once");
        } finally {
            nodes.shutdown();
        }
        assertEquals(3, files().size(), files().toString());
        assertEquals(3, count());
    }

    @Test
    void snapshotsPastTheRetentionGoFilesAndRows() throws Exception {
        reset();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String expired = Snapshot.name(today.minusDays(30), DownloadFormat.CSV);
        String kept = Snapshot.name(today.minusDays(29), DownloadFormat.CSV);
        for (String name : List.of(expired, kept)) {
            Files.writeString(directory.resolve(name), "old");
            try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO opendata.snapshot "
                    + "(name, format, snapshot_date, size_bytes, row_count, sha256, visible_below) "
                    + "VALUES (?, 'csv', ?, 3, 0, 'x', pg_snapshot_xmin(pg_current_snapshot()))")) {
                ps.setString(1, name);
                ps.setObject(2, LocalDate.parse(name.substring(18, 28)));
                ps.executeUpdate();
            }
        }
        Files.writeString(directory.resolve("." + kept + ".abandoned.part"), "half");
        snapshots.run();
        assertFalse(Files.exists(directory.resolve(expired)), "30 days old: past the 30 days kept");
        assertTrue(Files.exists(directory.resolve(kept)));
        assertEquals(404, get("/v1/opendata/snapshots/" + expired).statusCode());
        assertEquals(200, get("/v1/opendata/snapshots/" + kept).statusCode());
        assertEquals(4, count(), "today's three and the one kept");
        assertEquals(4, files().size(), "the abandoned part is gone: " + files());
    }

    /**
     * A change that takes something out of public view (here every pothole, its service withheld) makes the
     * snapshots that may still hold it stale: no longer listed nor served at once, and the next run writes the
     * day's again without it. A change that takes nothing away (a me-too) leaves them.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aSnapshotThatMayHoldWhatWasTakenOutOfViewIsNoLongerServed() throws Exception {
        reset();
        assertEquals(3, snapshots.run());
        String csv = Snapshot.name(LocalDate.now(ZoneOffset.UTC), DownloadFormat.CSV);
        String before = text(ok(get("/v1/opendata/snapshots/" + csv)));
        assertTrue(before.contains(seeded.get(0)), before);
        http.toBlocking().exchange(io.micronaut.http.HttpRequest.POST("/v1/requests/" + seeded.get(0) + "/me-too",
                Map.of("device_id", "device-of-a-neighbour")), Map.class);
        assertEquals(200, get("/v1/opendata/snapshots/" + csv).statusCode(), "a me-too takes nothing out of view");

        CatalogAdmin admin = new CatalogAdmin(http, People.token(new People(http).admin()));
        privacy(admin, "withheld");
        try {
            List<Object> listed = (List<Object>) json(ok(get("/v1/opendata/snapshots")).body()).get("snapshots");
            assertEquals(List.of(), listed, "stale: unlisted at once");
            assertEquals(404, get("/v1/opendata/snapshots/" + csv).statusCode(), "and not served");
            assertEquals(3, snapshots.run(), "written again");
            String after = text(ok(get("/v1/opendata/snapshots/" + csv)));
            seeded.forEach(number -> assertFalse(after.contains(number), number + " is still in " + after));
            assertEquals(3, files().size(), files().toString());
        } finally {
            privacy(admin, "open");
        }
    }

    @SuppressWarnings("unchecked")
    private static void privacy(CatalogAdmin admin, String privacyClass) {
        io.micronaut.http.HttpResponse<Map<String, Object>> current = admin.get("pothole");
        Map<String, Object> entry = new HashMap<>((Map<String, Object>) current.body().get("definition"));
        admin.replace("pothole", CatalogAdmin.with(entry, "privacy", privacyClass), current.getHeaders().get("ETag"));
    }

    private static String text(HttpResponse<byte[]> gzipped) throws IOException {
        return new String(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aNameThatIsNotListedIsA404Problem() {
        for (String name : List.of("curbside-requests-1999-01-01.csv.gz", "..%2F..%2F..%2Fetc%2Fpasswd",
                "%2E%2E%2Fapplication.yml", ".curbside-requests-2026-01-01.csv.gz.x.part", "curbside-requests-2026-01-01.csv")) {
            HttpResponse<byte[]> answer = get("/v1/opendata/snapshots/" + name);
            assertEquals(404, answer.statusCode(), name);
            assertEquals("application/problem+json", header(answer, "Content-Type"), name);
            assertEquals("urn:curbside:problem:not-found", json(answer.body()).get("type"), name);
        }
        assertEquals(400, get("/v1/opendata/snapshots?format=csv").statusCode());
    }

    private void reset() throws SQLException, IOException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM opendata.snapshot");
        }
        for (Path file : files()) {
            Files.delete(file);
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    private long count() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM opendata.snapshot")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> ok(HttpResponse<byte[]> answer) {
        assertEquals(200, answer.statusCode(), () -> new String(answer.body(), StandardCharsets.UTF_8));
        return answer;
    }

    private Map<String, Object> json(byte[] bytes) {
        try {
            return mapper.readValue(bytes, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(HttpResponse<?> answer, String name) {
        return answer.headers().firstValue(name).orElse(null);
    }
}
