package io.curbside.api.support;

import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/**
 * Refuses a JSON body over 1 MiB before it is parsed. The server's own limit is sized for five
 * photos (64 MB); a report is a few kilobytes, and 64 MB of JSON would become hundreds of
 * megabytes of objects before anything could look at it. A JSON body sent in chunks, whose
 * length is not known in advance, is refused with 411: every client can send a report's length.
 * The one larger JSON body is a city's GeoJSON an admin uploads, bounded by its own setting; the
 * address points' upload streams its body and bounds it itself.
 */
@ServerFilter("/v1/**")
public class JsonBodyLimit {

    public static final long MAX_BYTES = 1024 * 1024;
    /** The route whose body is a whole city: boundaries with thousands of points each. */
    static final String JURISDICTION_UPLOAD = "/v1/admin/jurisdiction";
    /** The route that reads its body as it arrives, chunked or not, and bounds it itself (addresses.AddressSettings). */
    static final String ADDRESS_UPLOAD = "/v1/admin/addresses";

    private final long jurisdictionMaxBytes;

    public JsonBodyLimit(HttpSettings settings) {
        this.jurisdictionMaxBytes = settings.jurisdictionUploadMaxBytes();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseLargeJson(HttpRequest<?> request) {
        if (request.getMethod() == HttpMethod.PUT && request.getPath().equals(ADDRESS_UPLOAD)) {
            return null;
        }
        long length = request.getContentLength();
        boolean json = request.getContentType().map(JsonBodyLimit::isJson).orElse(false);
        if (json && length < 0 && request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return refuse(request, ProblemType.LENGTH_REQUIRED, "Send the JSON body with a Content-Length, not in "
                    + "chunks: a report is small, and its length says so before it is read.");
        }
        boolean upload = request.getMethod() == HttpMethod.PUT && request.getPath().equals(JURISDICTION_UPLOAD);
        long limit = upload ? jurisdictionMaxBytes : MAX_BYTES;
        if (!json || length <= limit) {
            return null;
        }
        return refuse(request, ProblemType.PAYLOAD_TOO_LARGE, upload
                ? "The GeoJSON file is " + length + " bytes; the most accepted is " + limit + " bytes "
                        + "(CURBSIDE_JURISDICTION_MAX_BYTES). Simplify the boundaries, or raise the limit."
                : "The JSON body is " + length + " bytes; the most accepted is " + limit + " bytes. Photos go in a "
                        + "multipart form, not in the JSON.");
    }

    private static HttpResponse<?> refuse(HttpRequest<?> request, ProblemType type, String detail) {
        return Problems.write(HttpResponse.status(type.status()), Problems.of(type, detail, List.of(), request));
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
    }
}
