package io.curbside.api.liaisons;

import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.RequestsClient.JSON;

/** A liaison's app over HTTP: reports for neighbours, batches of them, and the liaison's list. */
final class Neighbours {

    private final HttpClient client;

    Neighbours(HttpClient client) {
        this.client = client;
    }

    /** A report for a neighbour: the report's fields and the neighbour (name, e-mail, phone may be null). */
    static Map<String, Object> forNeighbour(Reports report, String name, String email, String phone, Boolean consent) {
        Map<String, Object> neighbour = new LinkedHashMap<>();
        neighbour.put("name", name);
        neighbour.put("email", email);
        neighbour.put("phone", phone);
        neighbour.put("consent_to_contact", consent);
        neighbour.values().removeIf(v -> v == null);
        Map<String, Object> json = report.json();
        json.put("neighbour", neighbour);
        return json;
    }

    static MutableHttpRequest<Map<String, Object>> file(Map<String, Object> report, String token, String key) {
        MutableHttpRequest<Map<String, Object>> request = HttpRequest.POST("/v1/liaison/requests", report);
        if (token != null) {
            request.bearerAuth(token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request;
    }

    static MutableHttpRequest<Map<String, Object>> batch(List<Map<String, Object>> items, String token, String key) {
        MutableHttpRequest<Map<String, Object>> request = HttpRequest.POST("/v1/liaison/batches",
                Map.<String, Object>of("requests", items));
        if (token != null) {
            request.bearerAuth(token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request;
    }

    HttpResponse<Map<String, Object>> exchange(MutableHttpRequest<Map<String, Object>> request) {
        return client.toBlocking().exchange(request, JSON);
    }

    /** One page of the liaison's list. */
    Map<String, Object> list(String token, String query) {
        return client.toBlocking().retrieve(HttpRequest.GET("/v1/liaison/requests" + (query == null ? "" : "?" + query))
                .bearerAuth(token), JSON);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("requests");
    }

    static List<String> numbers(Map<String, Object> page) {
        return items(page).stream().map(r -> (String) r.get("tracking_number")).toList();
    }

    /** How many requests carry this description: a test's own marker. */
    static int rows(Connection c, String description) throws SQLException {
        try (var ps = c.prepareStatement("SELECT count(*) FROM service_request WHERE description = ?")) {
            ps.setString(1, description);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
