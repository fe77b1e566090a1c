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

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class ServiceCatalogTest extends DatabaseTest {

    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient client;

    private Map<String, Object> get(HttpRequest<?> request) {
        return client.toBlocking().retrieve(request, JSON);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> services(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("services");
    }

    @Test
    void listsTheDemoCatalogInEnglishByDefault() {
        HttpResponse<Map<String, Object>> response = client.toBlocking().exchange(HttpRequest.GET("/v1/services"), JSON);
        assertEquals("en", response.getHeaders().get("Content-Language"));
        Map<String, Object> body = response.body();
        assertEquals("en", body.get("language"));
        assertTrue(services(body).size() >= 15, "the demo has at least 15 services");
        Map<String, Object> pothole = services(body).stream().filter(s -> s.get("code").equals("pothole")).findFirst().orElseThrow();
        assertEquals("Pothole", pothole.get("name"));
        assertNotNull(((Map<?, ?>) pothole.get("department")).get("name"));
        assertNull(pothole.get("questions"), "questions come only with the single service");
        assertFalse(((List<?>) body.get("groups")).isEmpty());
    }

    @Test
    void answersInVietnameseFromAcceptLanguage() {
        HttpResponse<Map<String, Object>> response = client.toBlocking().exchange(
                HttpRequest.GET("/v1/services").header("Accept-Language", "vi, en;q=0.5"), JSON);
        assertEquals("vi", response.getHeaders().get("Content-Language"));
        Map<String, Object> pothole = services(response.body()).stream()
                .filter(s -> s.get("code").equals("pothole")).findFirst().orElseThrow();
        assertEquals("Ổ gà", pothole.get("name"));
        assertTrue(((String) ((Map<?, ?>) pothole.get("target")).get("text")).contains("ngày"));
    }

    @Test
    void langParameterWinsOverAcceptLanguageAndRegionFallsBackToTheLanguage() {
        Map<String, Object> body = get(HttpRequest.GET("/v1/services?lang=es-MX").header("Accept-Language", "vi"));
        assertEquals("es", body.get("language"));
    }

    @Test
    void anUnofferedLanguageFallsBackToEnglish() {
        HttpResponse<Map<String, Object>> response = client.toBlocking().exchange(
                HttpRequest.GET("/v1/services").header("Accept-Language", "fr-CA, de;q=0.8"), JSON);
        assertEquals("en", response.getHeaders().get("Content-Language"));
    }

    @Test
    void searchIsCaseAndAccentInsensitiveInTheChosenLanguage() {
        List<Map<String, Object>> found = services(get(HttpRequest.GET("/v1/services?lang=vi&q=O%20GA")));
        assertTrue(found.stream().anyMatch(s -> s.get("code").equals("pothole")), "found by 'o ga': " + found);
        List<Map<String, Object>> byKeyword = services(get(HttpRequest.GET("/v1/services?q=BACHE")));
        assertEquals(List.of("pothole"), byKeyword.stream().map(s -> s.get("code")).toList());
        assertTrue(services(get(HttpRequest.GET("/v1/services?q=zzzznothing"))).isEmpty());
    }

    @Test
    void filtersByGroup() {
        Map<String, Object> all = get(HttpRequest.GET("/v1/services"));
        String group = (String) services(all).get(0).get("group");
        List<Map<String, Object>> filtered = services(get(HttpRequest.GET("/v1/services?group=" + group)));
        assertFalse(filtered.isEmpty());
        assertTrue(filtered.size() < services(all).size());
        assertTrue(filtered.stream().allMatch(s -> s.get("group").equals(group)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneServiceCarriesItsQuestionsInTheLanguageAsked() {
        HttpResponse<Map<String, Object>> response = client.toBlocking().exchange(
                HttpRequest.GET("/v1/services/pothole?lang=es"), JSON);
        assertEquals("es", response.getHeaders().get("Content-Language"));
        Map<String, Object> pothole = response.body();
        assertEquals("Bache", pothole.get("name"));
        List<Map<String, Object>> questions = (List<Map<String, Object>>) pothole.get("questions");
        assertFalse(questions.isEmpty());
        assertTrue(questions.stream().allMatch(q -> q.get("prompt") instanceof String p && !p.isBlank()));
        assertTrue(questions.stream().filter(q -> String.valueOf(q.get("datatype")).endsWith("valuelist"))
                .allMatch(q -> !((List<?>) q.get("values")).isEmpty()));
    }

    @Test
    void theEmergencyServiceCarriesItsMessage() {
        Map<String, Object> emergency = services(get(HttpRequest.GET("/v1/services?lang=es"))).stream()
                .filter(s -> s.get("emergency") != null).findFirst().orElseThrow();
        assertTrue(((String) ((Map<?, ?>) emergency.get("emergency")).get("message")).contains("911"));
    }

    @Test
    void anUnknownServiceIsAProblem404() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> get(HttpRequest.GET("/v1/services/no-such-thing")));
        assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        Map<?, ?> problem = e.getResponse().getBody(Map.class).orElseThrow();
        assertEquals("urn:curbside:problem:not-found", problem.get("type"));
        assertTrue(((String) problem.get("detail")).contains("no-such-thing"));
    }

    @Test
    void aMalformedLanguageOrCodeIsAProblem400NamingTheParameter() {
        for (String path : List.of("/v1/services?lang=not_a_tag!", "/v1/services/BAD%20CODE")) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> get(HttpRequest.GET(path)), path);
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus(), path);
            Map<?, ?> problem = e.getResponse().getBody(Map.class).orElseThrow();
            assertEquals("urn:curbside:problem:invalid-parameter", problem.get("type"), path);
            List<?> violations = (List<?>) problem.get("violations");
            assertFalse(violations == null || violations.isEmpty(), path + ": " + problem);
        }
    }
}
