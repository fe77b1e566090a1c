package io.curbside.api.accounts;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;

import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Anything in Authorization that does not sign the caller in is a 401, never an anonymous request:
 * an empty bearer token, Basic, or a scheme Curbside does not know.
 */
@MicronautTest(transactional = false)
class UnusableCredentialsTest extends HttpTest {

    private static final List<String> UNUSABLE = List.of("Bearer ", "Bearer", "bearer   ",
            "Basic cmVzaWRlbnQ6c2VjcmV0", "Digest username=\"resident\"", "Token abc", "");

    private int filed() throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM service_request")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aReportWithUnusableCredentialsIsRefusedAndNotFiled() throws Exception {
        int before = filed();
        for (String authorization : UNUSABLE) {
            refused(HttpRequest.POST("/v1/requests", Reports.aPothole().json())
                    .header(HttpHeaders.AUTHORIZATION, authorization), authorization);
        }
        assertEquals(before, filed(), "nothing was filed");
        assertEquals(HttpStatus.CREATED, http.toBlocking().exchange(
                HttpRequest.POST("/v1/requests", Reports.aPothole().json()), JSON).getStatus(),
                "without Authorization the same report is filed anonymously");
    }

    @Test
    void unusableCredentialsAreRefusedOnReadsToo() {
        for (String authorization : UNUSABLE) {
            refused(HttpRequest.GET("/v1/services").header(HttpHeaders.AUTHORIZATION, authorization), authorization);
        }
    }

    private void refused(HttpRequest<?> request, String authorization) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, JSON), "\"" + authorization + "\"");
        assertEquals(HttpStatus.UNAUTHORIZED, e.getStatus(), "\"" + authorization + "\"");
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        assertEquals("urn:curbside:problem:unauthorized", e.getResponse().getBody(JSON).orElseThrow().get("type"));
        // RFC 6750 §3.1: an empty bearer token is a bad token; another scheme gets no error code, only the one to use.
        assertEquals(authorization.strip().toLowerCase(Locale.ROOT).startsWith("bearer")
                        ? "Bearer realm=\"curbside\", error=\"invalid_token\"" : "Bearer realm=\"curbside\"",
                e.getResponse().getHeaders().get(HttpHeaders.WWW_AUTHENTICATE), "\"" + authorization + "\"");
    }
}
