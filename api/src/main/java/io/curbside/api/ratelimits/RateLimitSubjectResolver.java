package io.curbside.api.ratelimits;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;

import java.util.Optional;

/**
 * Says who a request without an API key is counted against. By default such requests are counted
 * by client address (reads and writes apart); a bean of this type counts them otherwise, e.g. by
 * signed-in user once a bearer token has been checked (the limiter runs after the security filters,
 * so the request's principal is known by then). Beans are asked in their order, the first answer
 * wins, and without one the client's address counts. Called on the event loop for every request:
 * it must not block (no database).
 */
public interface RateLimitSubjectResolver extends Ordered {

    /**
     * The subject to count the request against, or empty to leave it to the next resolver.
     *
     * @param write whether the request changes something (POST, PUT, PATCH, DELETE)
     */
    Optional<RateLimitSubject> resolve(HttpRequest<?> request, boolean write);
}
