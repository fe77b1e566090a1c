package io.curbside.api.support;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.function.Supplier;

/** Conditional GET (RFC 9110 §13.1.2): a phone polling for changes gets a bodiless 304. */
public final class EntityTags {

    private EntityTags() {
    }

    /**
     * A weak tag for a version of a representation, e.g. {@code W/"c42-vi"}: weak, because the
     * same version is sent gzipped or not, and the bytes then differ (RFC 9110 §8.8.1).
     */
    public static String of(String version) {
        return "W/\"" + version + '"';
    }

    /**
     * The answer to a conditional GET: 304 with the tag when If-None-Match names it, else 200
     * with the body and the tag. Varies on the language and the encoding negotiated.
     */
    public static <T> MutableHttpResponse<T> answer(String ifNoneMatch, String etag, String language,
                                                    Supplier<T> body) {
        MutableHttpResponse<T> response = matches(ifNoneMatch, etag)
                ? notModified(etag)
                : HttpResponse.ok(body.get()).header(HttpHeaders.ETAG, etag);
        return response.header(HttpHeaders.CONTENT_LANGUAGE, language)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE + ", " + HttpHeaders.ACCEPT_ENCODING);
    }

    /** Whether If-None-Match names this tag (weak comparison, as the RFC asks for GET), or is "*". */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String wanted = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** 304 Not Modified carrying the tag; the caller adds the headers a 200 would have varied on. */
    public static <T> MutableHttpResponse<T> notModified(String etag) {
        return HttpResponse.<T>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag);
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
