package io.curbside.api.support;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Caching for every open-data answer, so a CDN can carry the load: {@code Cache-Control: public}
 * for {@code CURBSIDE_OPENDATA_MAX_AGE} (unless the route set its own), a strong ETag (a hash of the representation's bytes), 304 on
 * {@code If-None-Match} or, where the route says {@code Last-Modified}, on {@code If-Modified-Since}.
 * Gzip is done here, not by Netty, so that the ETag names the bytes sent: a gzipped answer's tag ends
 * in {@code -gzip} (RFC 9110 §8.8.3: another content coding is another representation).
 * Only whole answers (byte arrays) are tagged; a streamed one gets the Cache-Control alone. A route
 * whose body changes on every answer while its data does not sets its own strong tag ({@link #tagOf}).
 */
@ServerFilter({OpenDataRoutes.OGC, OpenDataRoutes.OGC_ALL, OpenDataRoutes.OPENDATA_ALL, OpenDataRoutes.TILES_ALL,
        OpenDataRoutes.OPEN311_ALL})
public class OpenDataCaching {

    /** Below this, gzip saves less than its own header and the time: Micronaut's threshold too. */
    static final int GZIP_FROM_BYTES = 1024;
    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final String VARY = String.join(", ", HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_ENCODING,
            HttpHeaders.ACCEPT_LANGUAGE);

    private final String cacheControl;

    public OpenDataCaching(OpenDataSettings settings) {
        this.cacheControl = "public, max-age=" + settings.maxAge().toSeconds();
    }

    @ResponseFilter
    public void cache(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!READS.contains(request.getMethodName()) || response.status() != HttpStatus.OK) {
            return;
        }
        // A route whose answers may be kept only briefly (the change feed) says so itself.
        if (!response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().set(HttpHeaders.CACHE_CONTROL, cacheControl);
        }
        response.getHeaders().add(HttpHeaders.VARY, VARY);
        if (!(response.body() instanceof byte[] bytes)) {
            return;
        }
        boolean gzip = bytes.length >= GZIP_FROM_BYTES && acceptsGzip(request.getHeaders().get(HttpHeaders.ACCEPT_ENCODING));
        String version = response.getHeaders().get(HttpHeaders.ETAG);
        String opaque = version != null && version.startsWith("\"") ? version.substring(1, version.length() - 1)
                : digest(bytes);
        String etag = '"' + opaque + (gzip ? "-gzip" : "") + '"';
        response.getHeaders().set(HttpHeaders.ETAG, etag);
        if (notModified(request, etag, response.getHeaders().get(HttpHeaders.LAST_MODIFIED))) {
            response.status(HttpStatus.NOT_MODIFIED);
            response.body(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            return;
        }
        if (gzip) {
            response.body(gzip(bytes));
            response.getHeaders().set(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
    }

    /** RFC 9110 §13.2.2: If-None-Match decides when sent; If-Modified-Since only without it. */
    private static boolean notModified(HttpRequest<?> request, String etag, @Nullable String lastModified) {
        String ifNoneMatch = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return EntityTags.matches(ifNoneMatch, etag);
        }
        String ifModifiedSince = request.getHeaders().get(HttpHeaders.IF_MODIFIED_SINCE);
        if (ifModifiedSince == null || lastModified == null) {
            return false;
        }
        try {
            return !ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .isAfter(ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return false; // an unreadable date is ignored (RFC 9110 §13.1.3)
        }
    }

    /** Whether Accept-Encoding takes gzip (not with q=0). */
    public static boolean acceptsGzip(@Nullable String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            if (name.equals("gzip") || name.equals("x-gzip")) {
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].strip().toLowerCase(Locale.ROOT);
                    if (p.startsWith("q=") && p.substring(2).matches("0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /**
     * A strong tag a route sets itself when its body holds something that changes on every answer
     * (the time it was made) but the data has not: the tag of the bytes without it. This filter then
     * uses it in place of the hash of the body.
     */
    public static String tagOf(byte[] bytes) {
        return tagOf(bytes, bytes.length);
    }

    /** {@link #tagOf(byte[])} of the first {@code length} bytes. */
    public static String tagOf(byte[] bytes, int length) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(bytes, 0, length);
            return '"' + encoded(sha256.digest()) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return encoded(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String encoded(byte[] hash) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
