package io.curbside.api.ogc;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * A client of the {@code /ogc} routes that sees the bytes on the wire (no automatic gzip decoding, no
 * redirects followed), as a CDN or GDAL would.
 */
final class OgcClient {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final ObjectMapper json;

    OgcClient(int port, ObjectMapper json) {
        this.base = "http://127.0.0.1:" + port;
        this.json = json;
    }

    /** GET of a path (with its query) and headers given as name, value, name, value... */
    HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, headers);
    }

    HttpResponse<byte[]> send(String method, String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pathAndQuery.startsWith("http")
                ? pathAndQuery : base + pathAndQuery)).method(method, HttpRequest.BodyPublishers.noBody());
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

    /** The href of the first link with this rel and type. */
    @SuppressWarnings("unchecked")
    static String link(Map<String, Object> document, String rel, String type) {
        return ((List<Map<String, Object>>) document.get("links")).stream()
                .filter(l -> rel.equals(l.get("rel")) && type.equals(l.get("type")))
                .map(l -> (String) l.get("href")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rel + " link of type " + type + " in " + document.get("links")));
    }
}
