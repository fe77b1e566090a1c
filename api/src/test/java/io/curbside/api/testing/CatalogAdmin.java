package io.curbside.api.testing;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An admin editing the catalog over HTTP, and the service entries they send. */
public final class CatalogAdmin {

    private final HttpClient client;
    private final String token;

    public CatalogAdmin(HttpClient client, String token) {
        this.client = client;
        this.token = token;
    }

    /**
     * A broken-bench kind of service in English and Vietnamese, in the demo's streets group and
     * department, with one required list question ("damage": seat or legs).
     */
    public static Map<String, Object> aBench() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("group", "streets-sidewalks");
        entry.put("department", "streets");
        entry.put("keywords", List.of("bench", "ghế"));
        entry.put("name", Map.of("en", "Broken bench", "vi", "Ghế băng bị hỏng"));
        entry.put("description", Map.of("en", "A public bench is broken.", "vi", "Một chiếc ghế băng công cộng bị hỏng."));
        entry.put("target", Map.of("value", 5, "unit", "business_days"));
        entry.put("photos", "accepted");
        entry.put("privacy", "open");
        entry.put("anonymous", true);
        entry.put("questions", List.of(Map.of(
                "code", "damage",
                "datatype", "singlevaluelist",
                "required", true,
                "prompt", Map.of("en", "What is broken?", "vi", "Hỏng ở đâu?"),
                "values", List.of(
                        Map.of("key", "seat", "name", Map.of("en", "The seat", "vi", "Mặt ghế")),
                        Map.of("key", "legs", "name", Map.of("en", "The legs", "vi", "Chân ghế"))))));
        return entry;
    }

    /** The entry with one key changed. */
    public static Map<String, Object> with(Map<String, Object> entry, String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(entry);
        changed.put(key, value);
        return changed;
    }

    public MutableHttpRequest<Map<String, Object>> put(String code, Map<String, Object> entry, String ifMatch) {
        MutableHttpRequest<Map<String, Object>> request = HttpRequest.PUT("/v1/admin/services/" + code, entry)
                .bearerAuth(token);
        return ifMatch == null ? request : request.header("If-Match", ifMatch);
    }

    /** Creates the service; the 201 answer. */
    public HttpResponse<Map<String, Object>> create(String code, Map<String, Object> entry) {
        HttpResponse<Map<String, Object>> created = client.toBlocking().exchange(put(code, entry, null), JSON);
        assertEquals(HttpStatus.CREATED, created.getStatus());
        return created;
    }

    /** Replaces it, naming the version replaced; the 200 answer. */
    public HttpResponse<Map<String, Object>> replace(String code, Map<String, Object> entry, String etag) {
        HttpResponse<Map<String, Object>> replaced = client.toBlocking().exchange(put(code, entry, etag), JSON);
        assertEquals(HttpStatus.OK, replaced.getStatus());
        return replaced;
    }

    public HttpResponse<Map<String, Object>> get(String code) {
        return client.toBlocking().exchange(HttpRequest.GET("/v1/admin/services/" + code).bearerAuth(token), JSON);
    }

    public Map<String, Object> post(String code, String action) {
        return client.toBlocking().retrieve(HttpRequest.POST("/v1/admin/services/" + code + "/" + action, null)
                .bearerAuth(token), JSON);
    }

    public Map<String, Object> history(String code, String query) {
        return client.toBlocking().retrieve(HttpRequest.GET("/v1/admin/services/" + code + "/history" + query)
                .bearerAuth(token), JSON);
    }

    /** The codes GET /v1/services lists. */
    @SuppressWarnings("unchecked")
    public static List<String> listed(HttpClient client, String query) {
        Map<String, Object> list = client.toBlocking().retrieve(HttpRequest.GET("/v1/services" + query), JSON);
        return ((List<Map<String, Object>>) list.get("services")).stream().map(s -> (String) s.get("code")).toList();
    }
}
