package io.curbside.api.ratelimits;

import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;

/**
 * The answers of the rate limiter: 429 and 401 as problem+json, and the RateLimit fields of
 * draft-ietf-httpapi-ratelimit-headers-06 (RateLimit-Limit, -Remaining, -Reset and -Policy, one
 * field each; later drafts merged them into one "RateLimit" field, which clients do not read yet).
 */
final class RateLimitAnswers {

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";
    static final String POLICY = "RateLimit-Policy";

    private RateLimitAnswers() {
    }

    /** 429 with the seconds until the next request is allowed, in Retry-After and in words. */
    static MutableHttpResponse<?> tooMany(HttpRequest<?> request, RateLimiter.Decision decision) {
        long wait = decision.retryAfterSeconds();
        RateLimitSubject subject = decision.subject();
        String detail = "Too many " + subject.counted() + ": the limit is " + subject.perMinute()
                + " a minute. Please wait " + wait + (wait == 1 ? " second" : " seconds") + " and try again.";
        MutableHttpResponse<?> response = Problems.write(HttpResponse.status(ProblemType.RATE_LIMITED.status()),
                Problems.of(ProblemType.RATE_LIMITED, detail, List.of(), request));
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
        return fields(response, decision);
    }

    /** 401 for a key that is not one of ours or was revoked: such a request is refused, not served as anonymous. */
    static MutableHttpResponse<?> invalidKey(HttpRequest<?> request, RateLimiter.Decision decision) {
        MutableHttpResponse<?> response = Problems.write(HttpResponse.status(ProblemType.INVALID_API_KEY.status()),
                Problems.of(ProblemType.INVALID_API_KEY, "The API key sent is not valid: it is mistyped, unknown "
                        + "or revoked. Send a valid key, or none at all to be served within the limits for "
                        + "anonymous clients.", List.of(), request));
        // RFC 9110 asks every 401 for a challenge; this one names where the key goes.
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey realm=\"curbside\", header=\""
                + ApiKeyFilter.HEADER + "\"");
        return fields(response, decision);
    }

    /** The RateLimit fields of the budget the request was counted against. */
    static MutableHttpResponse<?> fields(MutableHttpResponse<?> response, RateLimiter.Decision decision) {
        long limit = decision.subject().perMinute();
        response.getHeaders().set(LIMIT, String.valueOf(limit));
        response.getHeaders().set(REMAINING, String.valueOf(decision.remaining()));
        response.getHeaders().set(RESET, String.valueOf(decision.resetSeconds()));
        response.getHeaders().set(POLICY, limit + ";w=60");
        return response;
    }
}
