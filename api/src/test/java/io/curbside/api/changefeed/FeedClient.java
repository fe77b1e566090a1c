package io.curbside.api.changefeed;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A client of the change feed and of the OGC items route, over plain HTTP, as a mirror would read them. */
final class FeedClient {

    static final String FEED = "/v1/opendata/changes";
    static final String ITEMS = "/ogc/collections/service-requests/items";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final ObjectMapper json;

    FeedClient(int port, ObjectMapper json) {
        this.base = "http://127.0.0.1:" + port;
        this.json = json;
    }

    HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pathAndQuery.startsWith("http")
                ? pathAndQuery : base + pathAndQuery)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> json(HttpResponse<byte[]> response) {
        try {
            return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One page of the feed: after {@code since} (null: from the start), {@code limit} null for the default. */
    Map<String, Object> page(String since, Integer limit) {
        String query = (since == null ? "" : "since=" + since) + (limit == null ? "" : (since == null ? "" : "&") + "limit=" + limit);
        HttpResponse<byte[]> response = get(FEED + (query.isEmpty() ? "" : "?" + query));
        assertEquals(200, response.statusCode(), () -> new String(response.body()));
        return json(response);
    }

    /** Every page from {@code since} while {@code more} says so: the entries in order, and the last {@code next}. */
    @SuppressWarnings("unchecked")
    Walk walk(String since, Integer limit) {
        List<Map<String, Object>> entries = new ArrayList<>();
        String position = since;
        while (true) {
            Map<String, Object> page = page(position, limit);
            entries.addAll((List<Map<String, Object>>) page.get("entries"));
            position = (String) page.get("next");
            if (!(Boolean) page.get("more")) {
                return new Walk(entries, position);
            }
        }
    }

    /** Every live published request as the OGC items route serves it, by id, every page walked. */
    @SuppressWarnings("unchecked")
    Map<String, Object> items() {
        Map<String, Object> features = new LinkedHashMap<>();
        String next = ITEMS + "?f=json&limit=10000";
        while (next != null) {
            HttpResponse<byte[]> response = get(next);
            assertEquals(200, response.statusCode(), () -> new String(response.body()));
            Map<String, Object> page = json(response);
            for (Map<String, Object> feature : (List<Map<String, Object>>) page.get("features")) {
                features.put((String) feature.get("id"), feature);
            }
            next = ((List<Map<String, Object>>) page.get("links")).stream().filter(l -> "next".equals(l.get("rel")))
                    .map(l -> (String) l.get("href")).findFirst().orElse(null);
        }
        return features;
    }

    /** Every feature of the NDJSON export, by id: what a fresh download holds. */
    @SuppressWarnings("unchecked")
    Map<String, Object> exported() {
        HttpResponse<byte[]> response = get("/v1/opendata/requests.ndjson");
        assertEquals(200, response.statusCode(), () -> new String(response.body()));
        Map<String, Object> features = new LinkedHashMap<>();
        for (String line : new String(response.body(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                try {
                    Map<String, Object> feature = json.readValue(line, Argument.mapOf(String.class, Object.class));
                    features.put((String) feature.get("id"), feature);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return features;
    }

    record Walk(List<Map<String, Object>> entries, String next) {

        List<String> numbers() {
            return entries.stream().map(e -> (String) e.get("tracking_number")).toList();
        }
    }
}
