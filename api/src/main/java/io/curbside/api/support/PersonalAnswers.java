package io.curbside.api.support;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.RouteAttributes;

import java.util.Arrays;
import java.util.Set;

/**
 * {@code Cache-Control: no-store} on every answer that may hold personal data or a secret, so that
 * no browser, phone or proxy keeps a copy (a shared computer, a backed-up cache, a proxy's disk):
 * every answer to a write (tokens from sign-up, sign-in and refresh; the receipt token of a new
 * report; API keys and webhook secrets), every answer of a route that needs sign-in (the contract's
 * {@code x-roles}: /v1/me, staff, liaison and admin routes), and every answer to a request that
 * carried a credential (a signed-in status view or a receipt holder's, with the exact place and
 * contact details). One rule, keyed on the route's security and the request, rather than a header
 * in each controller that a new route could forget. Anonymous reads of public data keep theirs.
 */
@ServerFilter("/v1/**")
class PersonalAnswers implements Ordered {

    static final String NO_STORE = "no-store";
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String RECEIPT_TOKEN = "Receipt-Token";

    /** Outside the rate limiter and the security filters, so their refusals are covered too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }

    @ResponseFilter
    public void noStore(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (personal(request)) {
            response.getHeaders().set(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
    }

    static boolean personal(HttpRequest<?> request) {
        return !READS.contains(request.getMethod())
                || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                || request.getHeaders().contains(RECEIPT_TOKEN)
                || needsSignIn(request);
    }

    /** Whether the route's {@code @Secured} (generated from the contract's x-roles) lets in anything but anonymous callers. */
    private static boolean needsSignIn(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request)
                .map(route -> route.getAnnotationMetadata().stringValues(Secured.class))
                .map(rules -> rules.length > 0 && !Arrays.asList(rules).contains(SecurityRule.IS_ANONYMOUS))
                .orElse(false);
    }
}
