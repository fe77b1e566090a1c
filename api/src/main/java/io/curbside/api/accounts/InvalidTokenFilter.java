package io.curbside.api.accounts;

import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;

import java.util.List;

/**
 * Credentials that are presented but not valid are a 401 on every route, also those open to all
 * (RFC 6750 §3.1): a phone whose token expired must refresh it, not have its report filed
 * anonymously without a word and then miss it in "my requests". That holds for anything in
 * Authorization that did not sign the caller in: a bearer token that is not valid, an empty one
 * ("Bearer " arrives as "Bearer": HTTP drops the trailing space), Basic or any other scheme
 * Curbside does not take. Only the routes that make tokens (sign-up, sign-in, refresh, sign-out)
 * ignore a stale token sent along out of habit.
 */
@ServerFilter("/v1/**")
class InvalidTokenFilter implements Ordered {

    private static final List<String> ISSUING = List.of("/v1/auth/", "/v1/accounts");

    /** After the rate limiter (SECURITY.after() + 1), so a flood of forged tokens is still limited by address. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 2;
    }

    /** The routes that make tokens (sign-up, sign-in, refresh, sign-out). */
    static boolean issuesTokens(String path) {
        return ISSUING.stream().anyMatch(path::startsWith);
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseInvalidToken(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null
                || request.getUserPrincipal(Authentication.class).isPresent()
                || issuesTokens(request.getPath())) {
            return null;
        }
        return Problems.write(HttpResponse.status(ProblemType.UNAUTHORIZED.status()),
                Problems.of(ProblemType.UNAUTHORIZED, detail(authorization), List.of(), request));
    }

    private static String detail(String authorization) {
        String scheme = authorization.strip().split("\\s+", 2)[0];
        if (!scheme.equalsIgnoreCase("Bearer")) {
            return "Curbside takes only an access token, as \"Authorization: Bearer <token>\". Sign in for one, "
                    + "or send the request without Authorization to act anonymously.";
        }
        return "The access token sent is not valid (empty, expired, altered, or not from a key Curbside trusts). "
                + "Refresh it or sign in again, or send the request without it to act anonymously.";
    }
}
