package io.curbside.api.support;

import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/**
 * Refuses a JSON body over 1 MiB before it is parsed. The server's own limit is sized for five
 * photos (64 MB); a report is a few kilobytes, and 64 MB of JSON would become hundreds of
 * megabytes of objects before anything could look at it.
 */
@ServerFilter("/v1/**")
public class JsonBodyLimit {

    public static final long MAX_BYTES = 1024 * 1024;

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseLargeJson(HttpRequest<?> request) {
        long length = request.getContentLength();
        boolean json = request.getContentType().map(JsonBodyLimit::isJson).orElse(false);
        if (!json || length <= MAX_BYTES) {
            return null;
        }
        return Problems.write(HttpResponse.status(ProblemType.PAYLOAD_TOO_LARGE.status()),
                Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "The JSON body is " + length + " bytes; the most accepted is "
                        + MAX_BYTES + " bytes. Photos go in a multipart form, not in the JSON.", List.of(), request));
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
    }
}
