package io.curbside.api.downloads;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.RawHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * A download's place and its database connection come back however the client leaves: it closes before the
 * answer, reads a little and goes, or stops reading and stays (cut after the stall setting). One place only, so a
 * place kept by any of them would make the next download a 503.
 */
@MicronautTest(transactional = false)
class DownloadReleaseTest extends HttpTest {

    /**
     * About 29 MB of CSV: far more than the server takes in for a client that reads nothing (Netty's outbound
     * buffer and the sockets took 8 MB before the stall cut it), so the download cannot end on its own while the
     * test watches it: with 8 MB, once the export got fast, it did.
     */
    private static final int ROWS = 100_000;
    private static final String DOWNLOAD = "GET /v1/opendata/requests.csv?datetime=2100-01-01T00:00:00Z/.. HTTP/1.1\r\n"
            + "Host: localhost\r\n\r\n";

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.opendata-downloads.concurrent", "1", "curbside.opendata-downloads.stall", "5s");
    }

    @BeforeAll
    void manyPublishedRows() throws SQLException {
        try (Connection c = connect()) {
            ManyPublishedRows.insert(c, "CS-REL", ROWS);
        }
    }

    @Test
    void clientsThatCloseAtOnceKeepNoPlace() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (Socket socket = openSocket()) {
                socket.getOutputStream().write(DOWNLOAD.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
        }
        assertTheNextDownloadIsServed(Duration.ofSeconds(4));
    }

    @Test
    void aClientThatReadsALittleAndGoesFreesItsConnectionAndPlace() throws Exception {
        try (Socket socket = openSocket()) {
            socket.getOutputStream().write(DOWNLOAD.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            assertTrue(head(in).startsWith("HTTP/1.1 200"));
            in.readNBytes(10_000);
            await().atMost(Duration.ofSeconds(5)).until(() -> downloadSessions() == 1);
        }
        // Well before the stall cut (5 s): the client's going is what ends it.
        await().atMost(Duration.ofSeconds(3)).until(() -> downloadSessions() == 0);
        assertTheNextDownloadIsServed(Duration.ofSeconds(3));
    }

    @Test
    void aClientThatStopsReadingIsCutAfterTheStall() throws Exception {
        try (Socket socket = openSocket()) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(DOWNLOAD.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            assertTrue(head(in).startsWith("HTTP/1.1 200"));
            Thread.sleep(2000);
            assertEquals(1, downloadSessions(), "the export waits for the client within the stall");
            await().atMost(Duration.ofSeconds(10)).until(() -> downloadSessions() == 0);
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
            assertTrue(body.chars().filter(c -> c == '\n').count() < ROWS, "cut short");
        }
        assertTheNextDownloadIsServed(Duration.ofSeconds(3));
    }

    private void assertTheNextDownloadIsServed(Duration within) {
        await().atMost(within).until(() -> RawHttp.exchange(server.getPort(),
                "GET /v1/opendata/requests.csv?status=closed HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .status() == 200);
    }

    private Socket openSocket() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort()));
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Open-data sessions inside a transaction: a download's, while it holds its cursor. */
    private int downloadSessions() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                     + "AND application_name = 'curbside-opendata' AND state <> 'idle'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String head(InputStream in) throws IOException {
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
