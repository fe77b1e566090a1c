package io.curbside.api.support;

import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.util.HttpHostResolver;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * CORS (the Fetch standard): which web apps on other origins may call Curbside from a browser.
 * The origins of {@code CURBSIDE_CORS_ORIGINS} may make every call, with a bearer token, a receipt
 * token or an idempotency key; {@code *} lets any other origin read anonymously (GET, HEAD), which
 * is what open data is for. Credentials in the CORS sense (cookies) are never allowed: Curbside has
 * none, and its tokens travel in headers that only a listed origin's preflight lets through.
 *
 * <p>Micronaut's own CORS filter answers a refused preflight with an empty 403 and passes an
 * unknown one on to the router (405); this one answers every refusal with problem+json, and also
 * refuses a write from an origin that may not make it (a form posted by another site needs no
 * preflight: without this it would be filed, only its answer hidden).
 *
 * <p>The open-data routes ({@link OpenDataRoutes}) may be read by any site whatever the setting, and
 * their reads answer {@code *} even to a listed origin: one answer a CDN can keep for every site.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class CrossOriginFilter implements Ordered {

    static final String ANY = "*";

    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    /** What a listed origin's app may send: everything the contract's routes read. */
    private static final Set<String> HEADERS = lowerCase(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_LANGUAGE, "Idempotency-Key", "Receipt-Token", HttpHeaders.IF_MATCH,
            HttpHeaders.IF_NONE_MATCH, "X-Api-Key"));
    /** What any origin may send with an anonymous read: no credential of any kind. */
    private static final Set<String> ANONYMOUS_HEADERS = lowerCase(List.of(HttpHeaders.ACCEPT,
            HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.IF_NONE_MATCH));
    /** The answer's headers a script may read (others are hidden from it): the ones Curbside sends. */
    static final String EXPOSED = String.join(", ", HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
            "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy",
            HttpHeaders.CONTENT_LANGUAGE, "Idempotent-Replayed", HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.LINK,
            HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.LAST_MODIFIED);
    /** Seconds a browser may reuse a preflight's answer. */
    private static final String MAX_AGE = "600";

    private final Set<String> listed;
    private final boolean anyMayRead;
    private final HttpHostResolver hosts;
    /** The origin of CURBSIDE_PUBLIC_URL: the documentation page's own, behind a proxy that hides it. */
    @Nullable
    private final String publicOrigin;

    CrossOriginFilter(CrossOriginSettings settings, HttpSettings http, HttpHostResolver hosts) {
        this.hosts = hosts;
        this.publicOrigin = http.publicUrl() == null || http.publicUrl().isBlank() ? null : normalized(http.publicUrl());
        Set<String> origins = new LinkedHashSet<>();
        boolean any = false;
        for (String entry : (settings.origins() == null ? "" : settings.origins()).split(",")) {
            String origin = entry.strip();
            if (origin.equals(ANY)) {
                any = true;
            } else if (!origin.isEmpty()) {
                origins.add(normalized(origin));
            }
        }
        this.listed = Set.copyOf(origins);
        this.anyMayRead = any;
    }

    /** First, so that every answer, refusals of later filters included, carries what a browser needs to read it. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        String origin = crossOrigin(request);
        if (origin == null) {
            return null;
        }
        String preflightMethod = request.getHeaders().get(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if (request.getMethod() == HttpMethod.OPTIONS && preflightMethod != null) {
            return preflight(request, origin, preflightMethod);
        }
        if (!READS.contains(request.getMethodName()) && !listed.contains(origin)) {
            return refuse(request, origin + " may not send " + request.getMethodName() + " requests to Curbside"
                    + (anyMayRead ? "; other sites may only read it (GET)." : "."));
        }
        return null;
    }

    @ResponseFilter
    public void allow(HttpRequest<?> request, MutableHttpResponse<?> response) {
        boolean read = READS.contains(request.getMethodName());
        if (read && OpenDataRoutes.matches(request.getPath())) {
            // The same answer with an Origin or without, for every site: a CDN keeps one copy for all.
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ANY);
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
            return;
        }
        String origin = crossOrigin(request);
        if (!listed.isEmpty()) {
            response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        }
        if (origin == null || response.getHeaders().contains(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)) {
            return;
        }
        if (listed.contains(origin)) {
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        } else if (anyMayRead && read) {
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ANY);
        } else {
            return;
        }
        response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
    }

    private HttpResponse<?> preflight(HttpRequest<?> request, String origin, String method) {
        boolean full = listed.contains(origin);
        boolean anyMayRead = this.anyMayRead || OpenDataRoutes.matches(request.getPath());
        if (!full && !anyMayRead) {
            return refuse(request, origin + " is not one of the sites allowed to call Curbside from a browser "
                    + "(CURBSIDE_CORS_ORIGINS).");
        }
        Set<String> methods = full ? METHODS : READS;
        if (!methods.contains(method)) {
            return refuse(request, full ? method + " is not a method Curbside takes."
                    : origin + " may only read Curbside (GET); to send " + method + " requests, the city must add it "
                    + "to CURBSIDE_CORS_ORIGINS.");
        }
        Set<String> headers = full ? HEADERS : ANONYMOUS_HEADERS;
        List<String> refused = requested(request).stream().filter(h -> !headers.contains(h)).toList();
        if (!refused.isEmpty()) {
            return refuse(request, origin + " may not send " + String.join(", ", refused)
                    + (full ? "." : ": other sites may only read anonymously; to send credentials, the city must add "
                    + "it to CURBSIDE_CORS_ORIGINS."));
        }
        MutableHttpResponse<?> answer = HttpResponse.noContent();
        answer.getHeaders()
                .set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, full ? origin : ANY)
                .set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, String.join(", ", new TreeSet<>(methods)))
                .set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, String.join(", ", new TreeSet<>(headers)))
                .set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE)
                .add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        return answer;
    }

    /** A refusal answered here, before any route: this filter's response side does not see it, so it says Vary itself. */
    private static MutableHttpResponse<?> refuse(HttpRequest<?> request, String detail) {
        return Problems.write(HttpResponse.status(HttpStatus.FORBIDDEN).header(HttpHeaders.VARY, HttpHeaders.ORIGIN),
                Problems.of(ProblemType.CROSS_ORIGIN_REFUSED, detail, List.of(), request));
    }

    /** The request's Origin, normalized, when it is another site's; null for same-origin and non-browser requests. */
    @Nullable
    private String crossOrigin(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null) {
            return null;
        }
        String normalized = normalized(origin);
        return normalized.equals(publicOrigin) || normalized.equals(normalized(hosts.resolve(request))) ? null : normalized;
    }

    private static List<String> requested(HttpRequest<?> request) {
        List<String> names = new ArrayList<>();
        for (String value : request.getHeaders().getAll(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS)) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    /** Scheme and host in lower case, the default port dropped, no trailing slash: as browsers send it. */
    static String normalized(String origin) {
        String trimmed = origin.strip();
        try {
            URI uri = URI.create(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return trimmed.toLowerCase(Locale.ROOT);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
    }

    private static Set<String> lowerCase(List<String> names) {
        Set<String> set = new LinkedHashSet<>();
        names.forEach(n -> set.add(n.toLowerCase(Locale.ROOT)));
        return Set.copyOf(set);
    }
}
