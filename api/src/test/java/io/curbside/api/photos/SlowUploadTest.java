package io.curbside.api.photos;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A phone that stops sending mid-upload (a tunnel, a dead battery) is dropped after the idle
 * timeout instead of holding its connection and buffers for ever, and nothing of it is filed.
 * Micronaut binds a multipart report only once the whole body is in, so the idle timeout is
 * what ends a stalled one. A JSON report sent in chunks, whose size is not known until it is
 * read, is asked for its length instead.
 */
@MicronautTest(transactional = false)
class SlowUploadTest extends HttpTest {

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper json;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.idle-timeout", "2s");
    }

    @Test
    void aPhotoThatStopsArrivingHalfWayIsDroppedAndNothingIsFiled() throws Exception {
        String boundary = "slow-phone";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"report\"\r\n"
                + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(json.writeValueAsBytes(Reports.aPothole().json()));
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] photo = TestImages.jpeg(TestImages.scene(640, 480));
        int whole = body.size() + photo.length + ("\r\n--" + boundary + "--\r\n").length();
        body.write(photo, 0, photo.length / 2);
        assertDropped("Content-Type: multipart/form-data; boundary=" + boundary, whole, body.toByteArray());
        assertNothingFiled();
    }

    @Test
    void aJsonReportThatStopsArrivingIsDroppedToo() throws Exception {
        byte[] report = json.writeValueAsBytes(Reports.aPothole().json());
        byte[] half = Arrays.copyOf(report, report.length / 2);
        assertDropped("Content-Type: application/json", report.length, half);
        assertNothingFiled();
    }

    @Test
    void aJsonReportSentInChunksIsAskedForItsLengthAndNothingIsFiled() throws Exception {
        byte[] report = json.writeValueAsBytes(Reports.aPothole().json());
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/requests HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(report.length) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(report);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readHead(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 411"), answer);
            assertTrue(answer.toLowerCase().contains("application/problem+json"), answer);
        }
        assertNothingFiled();
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends the head and part of a body that says it is longer, then waits: the server must hang up, soon. */
    private void assertDropped(String contentType, int declaredLength, byte[] sent) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/requests HTTP/1.1\r\nHost: localhost\r\n" + contentType + "\r\nContent-Length: "
                    + declaredLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(sent);
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                answer.write(b);
            }
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited < 10_000, "hung up after " + waited + " ms");
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            assertTrue(text.isEmpty() || text.startsWith("HTTP/1.1 4"), "no success for half a report: " + text);
        }
    }

    private void assertNothingFiled() throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT (SELECT count(*) FROM service_request) + (SELECT count(*) FROM pending_photo_file)")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "nothing filed, nothing staged");
        }
    }
}
