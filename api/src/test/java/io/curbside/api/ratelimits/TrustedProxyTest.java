package io.curbside.api.ratelimits;

import io.curbside.api.testing.HttpTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Behind a trusted proxy (here: the test client's own loopback address), X-Forwarded-For names
 * the client, read from the right past other trusted proxies. Each test uses its own addresses.
 */
@MicronautTest(transactional = false)
class TrustedProxyTest extends HttpTest {

    private static final int READS = 3;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.rate-limit.reads-per-minute", String.valueOf(READS),
                "curbside.trusted-proxies", "127.0.0.1/32, ::1");
    }

    private HttpStatus from(String forwardedFor) {
        var request = HttpRequest.GET("/v1/jurisdiction");
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.toBlocking().exchange(request).getStatus();
    }

    private void refusedFrom(String forwardedFor) {
        Refusals.of(http, HttpRequest.GET("/v1/jurisdiction").header("X-Forwarded-For", forwardedFor),
                HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
    }

    @Test
    void eachForwardedClientHasItsOwnBudget() {
        for (int i = 0; i < READS; i++) {
            assertEquals(HttpStatus.OK, from("203.0.113.7"));
        }
        refusedFrom("203.0.113.7");
        assertEquals(HttpStatus.OK, from("203.0.113.8"));
        // Without the header, the proxy itself is the client: its budget is untouched too.
        assertEquals(HttpStatus.OK, from(null));
    }

    @Test
    void theChainIsReadFromTheRightPastTrustedProxies() {
        for (int i = 0; i < READS; i++) {
            assertEquals(HttpStatus.OK, from("198.51.100.9"));
        }
        // A second trusted proxy (loopback) on the way: the client is still 198.51.100.9.
        refusedFrom("198.51.100.9, 127.0.0.1");
        // An untrusted hop appended after it is the client: anything left of it could be made up.
        assertEquals(HttpStatus.OK, from("198.51.100.9, 192.0.2.44"));
        // A port, and one header per hop, are read too.
        refusedFrom("198.51.100.9:40123");
        var twoLines = HttpRequest.GET("/v1/jurisdiction").header("X-Forwarded-For", "198.51.100.9")
                .header("X-Forwarded-For", "127.0.0.1");
        Refusals.of(http, twoLines, HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        for (int i = 1; i <= READS; i++) {
            assertEquals(HttpStatus.OK, from("2001:db8:5:6::" + i));
        }
        refusedFrom("[2001:db8:5:6:ffff::1]:443");
        assertEquals(HttpStatus.OK, from("2001:db8:5:7::1"));
    }
}
