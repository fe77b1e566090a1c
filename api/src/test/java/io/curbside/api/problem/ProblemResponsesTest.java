package io.curbside.api.problem;

import io.curbside.api.testing.DatabaseTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every error outside Open311 is RFC 9457 problem+json with a stable type, never a 5xx for bad input. */
@MicronautTest(transactional = false)
class ProblemResponsesTest extends DatabaseTest {

    @Inject
    @Client("/")
    HttpClient client;

    private Map<?, ?> problem(HttpRequest<?> request, HttpStatus status, String type) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request, String.class));
        assertEquals(status, e.getStatus(), request.toString());
        assertEquals("application/problem+json", e.getResponse().getContentType().map(MediaType::toString).orElse(""));
        Map<?, ?> body = e.getResponse().getBody(Map.class).orElseThrow();
        assertEquals("urn:curbside:problem:" + type, body.get("type"));
        assertEquals(status.getCode(), ((Number) body.get("status")).intValue());
        assertNotNull(body.get("title"));
        assertNotNull(body.get("detail"));
        assertEquals(request.getPath(), body.get("instance"));
        return body;
    }

    @Test
    void anUnknownRouteIsNotFound() {
        problem(HttpRequest.GET("/v1/no-such-route"), HttpStatus.NOT_FOUND, "not-found");
    }

    @Test
    void aWrongMethodIsMethodNotAllowed() {
        problem(HttpRequest.DELETE("/v1/services"), HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed");
        problem(HttpRequest.POST("/v1/jurisdiction", "{}"), HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed");
    }

    @Test
    void anOverlongParameterIsNamedInTheViolations() {
        Map<?, ?> body = problem(HttpRequest.GET("/v1/services?q=" + "x".repeat(201)), HttpStatus.BAD_REQUEST,
                "invalid-parameter");
        assertEquals("q", ((Map<?, ?>) ((java.util.List<?>) body.get("violations")).get(0)).get("field"));
    }

    @Test
    void aBadHeaderIsNamedAsItIsSentNotAsTheJavaParameter() {
        Map<?, ?> body = problem(HttpRequest.GET("/v1/services").header("Accept-Language", "x,".repeat(300)),
                HttpStatus.BAD_REQUEST, "invalid-parameter");
        assertEquals("Accept-Language", ((Map<?, ?>) ((java.util.List<?>) body.get("violations")).get(0)).get("field"));
    }

    @Test
    void aSuccessIsPlainJsonEvenToAClientThatAcceptsProblems() {
        var response = client.toBlocking().exchange(HttpRequest.GET("/v1/services/pothole")
                .accept("application/problem+json, application/json;q=0.5"), String.class);
        assertEquals("application/json", response.getContentType().map(MediaType::toString).orElse(""));
    }

    @Test
    void anUnproducibleMediaTypeIsNotAcceptable() {
        problem(HttpRequest.GET("/v1/services").accept(MediaType.APPLICATION_XML_TYPE), HttpStatus.NOT_ACCEPTABLE,
                "not-acceptable");
    }
}
