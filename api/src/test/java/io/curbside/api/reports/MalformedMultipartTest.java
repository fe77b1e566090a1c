package io.curbside.api.reports;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.RawHttp;
import io.curbside.api.testing.RawHttp.Answer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multipart report that is not a well-formed form (a part without a name or without a
 * Content-Disposition, a nested multipart/mixed, no boundary) is the client's mistake: a 400
 * problem that says the form is malformed, never a 500. Sent as raw bytes, as a broken client would.
 */
@MicronautTest(transactional = false)
class MalformedMultipartTest extends HttpTest {

    private static final String REPORT = "{\"service_code\":\"pothole\",\"location\":{\"lat\":39.997113,\"lon\":-82.992588},"
            + "\"answers\":{\"size\":\"large\"}}";

    @Inject
    EmbeddedServer server;

    private Answer post(String contentType, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        return RawHttp.exchange(server.getPort(), "POST /v1/requests HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + contentType + "\r\nContent-Length: " + bytes.length + "\r\n\r\n", bytes);
    }

    private static String form(String secondPartHead) {
        return "--b\r\nContent-Disposition: form-data; name=\"report\"\r\nContent-Type: application/json\r\n\r\n" + REPORT
                + "\r\n--b\r\n" + secondPartHead + "\r\n\r\nphoto-bytes\r\n--b--\r\n";
    }

    private int reports() throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM service_request")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Refused as a whole: no report filed without the part the client meant to send. */
    private void assertRefused(String contentType, String body) throws Exception {
        int before = reports();
        assertMalformed(post(contentType, body));
        assertEquals(before, reports(), "no report filed");
    }

    private static void assertMalformed(Answer answer) {
        assertTrue(answer.status() == 400 || answer.status() == 422, answer::toString);
        assertEquals("application/problem+json", answer.header("Content-Type"), answer::toString);
        assertTrue(answer.body().contains("urn:curbside:problem:invalid-body"), answer::toString);
        assertTrue(answer.body().contains("multipart"), answer::toString);
        assertTrue(!answer.body().contains("Exception") && !answer.body().contains("io.netty"), answer::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Content-Disposition: form-data; filename=\"a.jpg\"\r\nContent-Type: image/jpeg",
            "Content-Type: image/jpeg",
            "Content-Disposition: garbage;;; ===\r\nContent-Type: image/jpeg",
            "Content-Disposition: form-data; name=\"\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg",
            "Content-Disposition: form-data; name=\"photos\"\r\nContent-Type: multipart/mixed; boundary=inner",
            // Passes the head check; Netty's decoder itself refuses it.
            "Content-Disposition: form-data; name=\"photos\"; filename=\"a.jpg\"\r\nContent-Transfer-Encoding: bogus",
    })
    void aMalformedPartIsABadRequest(String partHead) throws Exception {
        assertRefused("multipart/form-data; boundary=b", form(partHead));
    }

    @Test
    void aFormThatNeverClosesIsABadRequest() throws Exception {
        String form = form("Content-Disposition: form-data; name=\"photos\"; filename=\"a.jpg\"");
        assertRefused("multipart/form-data; boundary=b", form.substring(0, form.indexOf("\r\n--b--")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart/form-data; boundary=", "multipart/form-data", "multipart/form-data; boundary=\"\""})
    void aFormWithoutABoundaryIsABadRequest(String contentType) throws Exception {
        assertRefused(contentType, form("Content-Disposition: form-data; name=\"photos\"; filename=\"a.jpg\""));
    }
}
