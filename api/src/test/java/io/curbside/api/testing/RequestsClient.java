package io.curbside.api.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Files and reads requests over HTTP the way an app does, and checks problems the way an app reads them. */
public final class RequestsClient {

    public static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    private final HttpClient client;

    public RequestsClient(HttpClient client) {
        this.client = client;
    }

    public HttpResponse<Map<String, Object>> file(Map<String, Object> report) {
        return file(report, null);
    }

    public HttpResponse<Map<String, Object>> file(Map<String, Object> report, String idempotencyKey) {
        MutableHttpRequest<Map<String, Object>> request = HttpRequest.POST("/v1/requests", report);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return client.toBlocking().exchange(request, JSON);
    }

    /** Files it and returns the 201 body. */
    public Map<String, Object> filed(Reports report) {
        HttpResponse<Map<String, Object>> response = file(report.json());
        assertEquals(HttpStatus.CREATED, response.getStatus());
        return response.body();
    }

    public Map<String, Object> status(String trackingNumber) {
        return client.toBlocking().retrieve(HttpRequest.GET("/v1/requests/" + trackingNumber), JSON);
    }

    public Map<String, Object> status(String trackingNumber, String receiptToken) {
        return client.toBlocking().retrieve(HttpRequest.GET("/v1/requests/" + trackingNumber)
                .header("Receipt-Token", receiptToken), JSON);
    }

    public String raw(HttpRequest<?> request) {
        return client.toBlocking().retrieve(request, String.class);
    }

    /** The problem an erroneous request answers, checked for the RFC 9457 shape, status and type. */
    public Map<String, Object> problem(HttpRequest<?> request, HttpStatus status, String type) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request, JSON));
        Map<String, Object> body = e.getResponse().getBody(JSON).orElseThrow();
        assertEquals(status, e.getStatus(), () -> request + " answered " + body);
        assertEquals("application/problem+json", e.getResponse().getContentType().map(MediaType::toString).orElse(""));
        assertEquals("urn:curbside:problem:" + type, body.get("type"), () -> body.toString());
        assertNotNull(body.get("detail"));
        return body;
    }

    public Map<String, Object> problem(Map<String, Object> report, HttpStatus status, String type) {
        return problem(HttpRequest.POST("/v1/requests", report), status, type);
    }

    /** The fields the problem's violations name. */
    @SuppressWarnings("unchecked")
    public static List<String> fields(Map<String, Object> problem) {
        List<Map<String, Object>> violations = (List<Map<String, Object>>) problem.getOrDefault("violations", List.of());
        return violations.stream().map(v -> (String) v.get("field")).toList();
    }
}
