package io.curbside.api.support;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.http.server.util.HttpHostResolver;
import jakarta.inject.Singleton;

/**
 * Absolute URLs for links in answers (a request to follow, its photos): under
 * {@code CURBSIDE_PUBLIC_URL} when set, else under the host the client called, as Micronaut
 * resolves it ({@link TrustedHostResolver}: Forwarded headers only from a trusted proxy).
 */
@Singleton
public class PublicUrls {

    private final String base;
    private final HttpHostResolver hosts;

    public PublicUrls(HttpSettings settings, HttpHostResolver hosts) {
        String base = settings.publicUrl();
        this.base = base == null || base.isBlank() ? null : base.replaceAll("/+$", "");
        this.hosts = hosts;
    }

    /** Where anyone follows a request: its status, {@code GET .../v1/requests/CS-7K4M-Q2XD}. */
    public String request(String trackingNumber) {
        return of("/v1/requests/" + trackingNumber);
    }

    /** One size of one of a request's photos. */
    public String photo(String trackingNumber, String photoId, String size) {
        return request(trackingNumber) + "/photos/" + photoId + "/" + size;
    }

    /**
     * One size of a photo as stored in the published dataset: absolute under the configured public
     * URL, else a path relative to the API, never the host of whichever call happened to write it.
     */
    public String publishedPhoto(String trackingNumber, String photoId, String size) {
        String path = "/v1/requests/" + trackingNumber + "/photos/" + photoId + "/" + size;
        return base == null ? path : base + path;
    }

    /** The absolute URL of a path of this server ({@code /ogc/collections}). */
    public String of(String path) {
        if (base != null) {
            return base + path;
        }
        return ServerRequestContext.currentRequest()
                .map(request -> hosts.resolve((HttpRequest<?>) request) + path)
                .orElse(path);
    }
}
