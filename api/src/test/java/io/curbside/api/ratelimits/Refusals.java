package io.curbside.api.ratelimits;

import io.curbside.api.testing.RequestsClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Checks a refusal the way a client reads it, and keeps the response for its headers. */
final class Refusals {

    private Refusals() {
    }

    static HttpClientResponseException of(HttpClient http, HttpRequest<?> request, HttpStatus status, String type) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, RequestsClient.JSON));
        Map<String, Object> body = body(e);
        assertEquals(status, e.getStatus(), () -> request + " answered " + body);
        assertEquals("application/problem+json", e.getResponse().getContentType().map(MediaType::toString).orElse(""));
        assertEquals("urn:curbside:problem:" + type, body.get("type"), body::toString);
        assertEquals(status.getCode(), ((Number) body.get("status")).intValue());
        assertNotNull(body.get("detail"));
        return e;
    }

    static Map<String, Object> body(HttpClientResponseException e) {
        return e.getResponse().getBody(RequestsClient.JSON).orElseThrow();
    }
}
