package io.curbside.api.downloads;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.RawHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A download of many rows to a client that does not read: the server stops reading the database and waits for the
 * client (memory does not fill with the rest), and a download past the node's limit is a 503; when the database
 * then fails, the connection is cut before the last chunk, so the client sees a truncated download and not one that
 * looks complete, and the download's place is free again.
 */
@MicronautTest(transactional = false)
class DownloadCutTest extends HttpTest {

    /** About 8 MB of CSV: more than the socket buffers between the server and a client that reads nothing. */
    private static final int ROWS = 30_000;

    @Inject
    EmbeddedServer server;

    /** One download at a time, so the test sees the one past it refused, and the permit come back after the cut. */
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.opendata-downloads.concurrent", "1");
    }

    @BeforeAll
    void manyPublishedRows() throws SQLException {
        try (Connection c = connect()) {
            ManyPublishedRows.insert(c, "CS-CUT", ROWS);
        }
    }

    @Test
    void aSlowClientHoldsTheReadingBackAndAFailureCutsTheConnection() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort()));
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/opendata/requests.csv?datetime=2100-01-01T00:00:00Z/.. HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = head(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertTrue(head.toLowerCase().contains("transfer-encoding: chunked"), head);

            Thread.sleep(1500);
            assertEquals("idle in transaction", downloadSession(), "the export waits for the client, its cursor open");
            RawHttp.Answer second = RawHttp.exchange(server.getPort(), "GET /v1/opendata/requests.ndjson?status=closed "
                    + "HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertEquals(503, second.status(), "one download past the limit waits its turn: " + second);
            assertEquals("60", second.header("Retry-After"));
            assertTrue(second.body().contains("urn:curbside:problem:unavailable"), second.body());

            terminateDownloadSession();
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    rest.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // a reset is a cut too
            }
            String body = rest.toString(StandardCharsets.UTF_8);
            assertFalse(body.endsWith("\r\n0\r\n\r\n"), "no last chunk: the download must not look complete");
            long rows = body.chars().filter(c -> c == '\n').count();
            assertTrue(rows < ROWS, "cut short: " + rows + " lines");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> RawHttp.exchange(server.getPort(),
                "GET /v1/opendata/requests.csv?status=closed HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .status() == 200);
    }

    /** The state of the open-data session streaming the download. */
    private String downloadSession() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state FROM pg_stat_activity WHERE datname = current_database() "
                     + "AND application_name = 'curbside-opendata' AND query LIKE 'SELECT tracking_number%'")) {
            return rs.next() ? rs.getString(1) : "none";
        }
    }

    private void terminateDownloadSession() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND application_name = 'curbside-opendata' AND query LIKE 'SELECT tracking_number%'");
        }
    }

    private static String head(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
