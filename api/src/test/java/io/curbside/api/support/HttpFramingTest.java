package io.curbside.api.support;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.RawHttp;
import io.curbside.api.testing.RawHttp.Answer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests framed against RFC 9112 / RFC 9110 are refused, with a problem where the server can
 * still answer, rather than served: what a front proxy and Curbside could read differently
 * (request smuggling) most of all. Sent over a raw socket, since an HTTP client would tidy them.
 */
@MicronautTest(transactional = false)
class HttpFramingTest extends HttpTest {

    private static final String REPORT = "{\"service_code\":\"pothole\",\"location\":{\"lat\":39.997113,\"lon\":-82.992588},"
            + "\"answers\":{\"size\":\"large\"}}";

    @Inject
    EmbeddedServer server;

    private Answer send(String head) throws Exception {
        return RawHttp.exchange(server.getPort(), head);
    }

    private Answer send(String head, String body) throws Exception {
        return RawHttp.exchange(server.getPort(), head, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertProblem(int status, Answer answer) {
        assertEquals(status, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.header("Content-Type"), answer::toString);
        assertTrue(answer.body().contains("\"status\":" + status), answer::toString);
    }

    @Test
    void anOrdinaryRequestIsServedAndTheConnectionKept() throws Exception {
        Answer answer = send("GET /v1/services HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(200, answer.status(), answer::toString);
        assertFalse(answer.closed());
    }

    /** RFC 9110 §5.6.1: empty list elements are ignored; Micronaut's own parser failed on them with a 500. */
    @Test
    void emptyElementsOfANegotiationListAreIgnored() throws Exception {
        for (String path : new String[] {"/v1/services", "/ogc/collections", "/v1/opendata/dictionary"}) {
            for (String header : new String[] {"Accept-Language: ,", "Accept-Language: ,,, ", "Accept-Language: es, ,en",
                    "Accept: ,", "Accept-Encoding: , ,", "Accept-Charset: ,", "Accept: */*;v=\"1\",,",
                    "Accept: application/json;x=\"a,b\", ,"}) {
                Answer answer = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + header + "\r\n\r\n");
                assertEquals(200, answer.status(), () -> path + " with " + header + ": " + answer);
            }
        }
        Answer spanish = send("GET /v1/services HTTP/1.1\r\nHost: localhost\r\nAccept-Language: , es\r\n\r\n");
        assertEquals("es", spanish.headers().get("content-language"), spanish::toString);
    }

    @Test
    void bothTransferEncodingAndContentLengthIsRefusedAndTheConnectionClosed() throws Exception {
        String chunked = Integer.toHexString(REPORT.length()) + "\r\n" + REPORT + "\r\n0\r\n\r\n";
        Answer answer = send("POST /v1/requests HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + REPORT.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n", chunked);
        assertProblem(400, answer);
        assertTrue(answer.body().contains("urn:curbside:problem:malformed-request"), answer::toString);
        assertTrue(answer.closed(), "a connection whose framing is in doubt is not read further");
        assertEquals("close", answer.header("Connection"));
    }

    @Test
    void aTransferEncodingOtherThanChunkedIsRefused() throws Exception {
        Answer answer = send("POST /v1/requests HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: gzip, chunked\r\n\r\n", "0\r\n\r\n");
        assertProblem(501, answer);
        assertTrue(answer.closed());
    }

    @Test
    void aLowerCaseMethodIsRefused() throws Exception {
        Answer answer = send("get /v1/services HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertProblem(501, answer);
        assertTrue(answer.body().contains("urn:curbside:problem:not-implemented"), answer::toString);
    }

    @Test
    void http11WithoutHostIsRefused() throws Exception {
        assertProblem(400, send("GET /v1/services HTTP/1.1\r\n\r\n"));
    }

    @Test
    void twoHostHeadersAreRefused() throws Exception {
        assertProblem(400, send("GET /v1/services HTTP/1.1\r\nHost: localhost\r\nHost: example.org\r\n\r\n"));
    }

    @Test
    void http10WithoutHostIsServed() throws Exception {
        assertEquals(200, send("GET /v1/services HTTP/1.0\r\n\r\n").status());
    }

    @Test
    void anUnknownExpectationIsRefused() throws Exception {
        assertProblem(417, send("GET /v1/services HTTP/1.1\r\nHost: localhost\r\nExpect: a-miracle\r\n\r\n"));
    }

    @Test
    void headersOverTheLimitAnswer431() throws Exception {
        Answer answer = send("GET /v1/services HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(20_000) + "\r\n\r\n");
        assertProblem(431, answer);
    }

    @Test
    void anOverlongUrlAnswers414() throws Exception {
        Answer answer = send("GET /v1/services?q=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertProblem(414, answer);
    }

    @Test
    void anAcceptThatNoAnswerMeetsAnswers406() throws Exception {
        assertProblem(406, send("GET /v1/services HTTP/1.1\r\nHost: localhost\r\nAccept: image/png\r\n\r\n"));
    }

    @Test
    void anAcceptThatAllowsJsonIsServed() throws Exception {
        assertEquals(200, send("GET /v1/services HTTP/1.1\r\nHost: localhost\r\nAccept: text/html,application/xhtml+xml,"
                + "application/xml;q=0.9,*/*;q=0.8\r\n\r\n").status());
        assertEquals(200, send("GET /v1/services HTTP/1.1\r\nHost: localhost\r\nAccept: image/png, */*;q=0.1\r\n\r\n").status());
    }

    @Test
    void aCompressedBodyAnswers415() throws Exception {
        Answer answer = send("POST /v1/requests HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Encoding: gzip\r\nContent-Length: " + REPORT.length() + "\r\n\r\n", REPORT);
        assertProblem(415, answer);
        assertTrue(answer.header("Accept-Encoding") != null, answer::toString);
    }
}
