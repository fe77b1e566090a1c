package io.curbside.api.support;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** Conditional GET (RFC 9110 §13.1.2): a phone polling for changes gets a bodiless 304. */
public final class EntityTags {

    private EntityTags() {
    }

    /** A strong tag for a version of a representation, e.g. {@code "c42-vi"}. */
    public static String of(String version) {
        return '"' + version + '"';
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
