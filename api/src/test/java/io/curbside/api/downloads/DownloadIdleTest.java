package io.curbside.api.downloads;

import io.curbside.api.testing.HttpTest;
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
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's idle timeout (a connection on which nothing is read or written for CURBSIDE_IDLE_TIMEOUT is
 * closed) does not cut a download: a client that pauses for longer, but within the download's stall, gets the
 * whole file, and the connection's idle timeout is back once the download has ended. Before, Netty's idle handler
 * closed the connection mid-stream, with nothing in the log.
 */
@MicronautTest(transactional = false)
class DownloadIdleTest extends HttpTest {

    /** About 8 MB of CSV: more than the socket buffers between the server and a client that pauses. */
    private static final int ROWS = 30_000;

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.idle-timeout", "1s", "curbside.opendata-downloads.stall", "20s");
    }

    @BeforeAll
    void manyPublishedRows() throws SQLException {
        try (Connection c = connect()) {
            ManyPublishedRows.insert(c, "CS-IDLE", ROWS);
        }
    }

    @Test
    void aClientPausingLongerThanTheIdleTimeoutButWithinTheStallGetsTheWholeFile() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort()));
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /v1/opendata/requests.csv?datetime=2100-01-01T00:00:00Z/.. HTTP/1.1\r\n"
                    + "Host: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(in.readNBytes(100_000));
            Thread.sleep(3000); // three idle timeouts, nothing read
            byte[] buffer = new byte[65536];
            while (!body.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                body.write(buffer, 0, n);
            }
            String text = body.toString(StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200"), text.substring(0, 100));
            assertTrue(text.endsWith("\r\n0\r\n\r\n"), "the last chunk came: the download is whole");
            String csv = RawChunks.dechunk(text.substring(text.indexOf("\r\n\r\n") + 4));
            assertEquals(ROWS + 1, csv.lines().count(), "a header and every row");

            // The download over, the connection is idle again: it is closed after the idle timeout.
            Thread.sleep(3000);
            assertEquals(-1, in.read(), "the idle timeout is back once the download has ended");
        }
    }

    /** Reads HTTP/1.1 chunked framing. */
    private static final class RawChunks {
        static String dechunk(String chunked) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (true) {
                int eol = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
                if (size == 0) {
                    return out.toString();
                }
                out.append(chunked, eol + 2, eol + 2 + size);
                at = eol + 2 + size + 2;
            }
        }
    }
}
