package io.curbside.api.support;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Headers that keep a browser from misusing an answer: on every answer, no guessing its type from
 * its bytes (a photo or a problem read as HTML) and no Referer carrying a tracking number or a
 * receipt token out of the page to another site. On the documentation (the Swagger UI page, its
 * files and the contract it renders), a Content-Security-Policy: nothing but its own files, and no
 * framing, so another site cannot overlay the page where an admin pastes a token.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SecurityHeaders implements Ordered {

    static final String DOCUMENTATION = "/openapi";

    /**
     * What Swagger UI needs, all from this server: its bundle and the page's start script (no inline
     * script), its stylesheet and the style attributes it sets, the SVG icons its CSS holds as data:
     * URIs, and the contract and "Try it out" calls (connect-src) to this same server.
     */
    static final String DOCUMENTATION_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'");

    /** Outermost, so every answer gets them, refusals by other filters included. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @ResponseFilter
    public void protect(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        response.getHeaders().set("Referrer-Policy", "no-referrer");
        String path = request.getPath();
        if (path.equals(DOCUMENTATION) || path.startsWith(DOCUMENTATION + "/")) {
            response.getHeaders().set("Content-Security-Policy", DOCUMENTATION_POLICY);
            response.getHeaders().set("X-Frame-Options", "DENY");
        }
    }
}
