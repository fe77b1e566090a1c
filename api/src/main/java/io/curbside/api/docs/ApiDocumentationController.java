package io.curbside.api.docs;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the contract, {@code openapi/curbside.yaml} as built into the jar, and a page that
 * renders it with Swagger UI (bundled as a webjar, so it works without any CDN).
 */
@Controller("/openapi")
public class ApiDocumentationController {

    private static final MediaType YAML = MediaType.of("application/yaml");

    private final byte[] document;
    private final byte[] page;

    public ApiDocumentationController(ResourceResolver resources) {
        this.document = read(resources, "classpath:openapi/curbside.yaml");
        this.page = read(resources, "classpath:docs/openapi.html");
    }

    @Get("/curbside.yaml")
    public HttpResponse<byte[]> document() {
        return HttpResponse.ok(document).contentType(YAML).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    }

    @Get
    public HttpResponse<byte[]> page() {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML_TYPE);
    }

    private static byte[] read(ResourceResolver resources, String path) {
        try (InputStream in = resources.getResourceAsStream(path)
                .orElseThrow(() -> new IllegalStateException(path + " is missing from the build"))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
