package io.curbside.api.catalog;

import io.curbside.api.testing.DatabaseTest;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A phone polling the catalog or the city pays for a body only when something changed. */
@MicronautTest(transactional = false)
class ConditionalGetTest extends DatabaseTest {

    @Inject
    @Client("/")
    HttpClient client;

    private HttpResponse<String> get(String path, String lang, String ifNoneMatch) {
        var request = HttpRequest.GET(path).header("Accept-Language", lang);
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return client.toBlocking().exchange(request, String.class);
    }

    @Test
    void anUnchangedCatalogAnswers304WithoutABody() {
        for (String path : new String[] {"/v1/services", "/v1/services/pothole", "/v1/jurisdiction"}) {
            HttpResponse<String> first = get(path, "es", null);
            String etag = first.getHeaders().get("ETag");
            assertNotNull(etag, path);
            HttpResponse<String> again = get(path, "es", etag);
            assertEquals(HttpStatus.NOT_MODIFIED, again.getStatus(), path);
            assertFalse(again.getBody().isPresent(), path);
            assertEquals(etag, again.getHeaders().get("ETag"), path);
            assertEquals(first.getHeaders().get("Content-Language"), again.getHeaders().get("Content-Language"), path);
        }
    }

    @Test
    void eachLanguageIsItsOwnVersion() {
        String spanish = get("/v1/services", "es", null).getHeaders().get("ETag");
        assertNotEquals(spanish, get("/v1/services", "vi", null).getHeaders().get("ETag"));
        assertEquals(HttpStatus.OK, get("/v1/services", "vi", spanish).getStatus());
        // The demo city's names are English only, so every language gets the English version.
        assertEquals(get("/v1/jurisdiction", "en", null).getHeaders().get("ETag"),
                get("/v1/jurisdiction", "vi", null).getHeaders().get("ETag"));
    }

    @Test
    void anyChangeToTheCatalogIsSeenAtOnceAndChangesTheTag() throws Exception {
        HttpResponse<String> before = get("/v1/services/pothole", "en", null);
        try (Connection c = connect()) {
            c.createStatement().execute("""
                    UPDATE service_question_value SET name = '{"en": "Tiny"}'
                    WHERE service_code = 'pothole' AND key = 'small'""");
        }
        HttpResponse<String> after = get("/v1/services/pothole", "en", before.getHeaders().get("ETag"));
        assertEquals(HttpStatus.OK, after.getStatus(), "the old tag no longer matches");
        assertTrue(after.body().contains("\"Tiny\""), "the cached catalog was reloaded");
        assertNotEquals(before.getHeaders().get("ETag"), after.getHeaders().get("ETag"));
    }

    @Test
    void aDirectEditOfADistrictIsSeenAtOnceToo() throws Exception {
        HttpResponse<String> before = get("/v1/jurisdiction", "en", null);
        try (Connection c = connect()) {
            c.createStatement().execute("""
                    UPDATE district SET name = '{"en": "Riverfront"}' WHERE layer_code = 'council_districts' AND code = '7'""");
        }
        HttpResponse<String> after = get("/v1/jurisdiction", "en", before.getHeaders().get("ETag"));
        assertEquals(HttpStatus.OK, after.getStatus());
        assertTrue(after.body().contains("\"Riverfront\""));
    }

    @Test
    void anUnknownServiceIsStill404ToAWildcard() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> get("/v1/services/no-such-service", "en", "*"));
        assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
        assertEquals("urn:curbside:problem:not-found",
                e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).map(m -> m.get("type")).orElse(null));
    }
}
