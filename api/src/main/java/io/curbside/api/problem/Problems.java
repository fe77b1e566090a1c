package io.curbside.api.problem;

import io.curbside.contract.model.Problem;
import io.curbside.contract.model.Violation;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.context.ServerRequestContext;

import java.util.List;

/** Builds problem+json responses, so every error path looks the same on the wire. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    private Problems() {
    }

    /**
     * The route a request matched, as its template ({@code /v1/requests/{trackingNumber}}), for log
     * lines: never the path, which carries tracking numbers, account ids and search words.
     */
    public static String route(HttpRequest<?> request) {
        return BasicHttpAttributes.getUriTemplate(request).orElse("(no route)");
    }

    public static Problem of(ProblemType type, String detail, List<Violation> violations, HttpRequest<?> request) {
        return of(type.uri(), type.title(), type.status().getCode(), detail, violations, request);
    }

    /** A problem for a status no {@link ProblemType} covers: typed by the status, never turned into another. */
    public static Problem ofStatus(int status, String detail, HttpRequest<?> request) {
        HttpStatus known = HttpStatus.valueOf(status);
        return of(ProblemType.PREFIX + "http-" + status, known.getReason(), status, detail, List.of(), request);
    }

    private static Problem of(String type, String title, int status, String detail, List<Violation> violations,
                              HttpRequest<?> request) {
        Problem problem = new Problem(type, title, status);
        problem.setDetail(detail);
        if (request != null) {
            problem.setInstance(request.getPath());
        }
        if (!violations.isEmpty()) {
            problem.setViolations(violations);
        }
        return problem;
    }

    /** "Please correct "lat": must be at most 90; ..." from the violations. */
    public static String correct(List<Violation> violations) {
        StringBuilder detail = new StringBuilder("Please correct ");
        for (int i = 0; i < violations.size(); i++) {
            detail.append(i == 0 ? "" : "; ").append('"').append(violations.get(i).getField()).append("\": ")
                    .append(violations.get(i).getMessage());
        }
        return detail.append('.').toString();
    }

    /** Puts the problem on the response, replacing whatever status and body it had. */
    public static <T> MutableHttpResponse<Problem> write(MutableHttpResponse<T> response, Problem problem) {
        if (ProblemType.UNAUTHORIZED.uri().equals(problem.getType())) {
            // RFC 6750 §3.1: say how to authenticate, and when a bearer token was sent, that it was the
            // problem; after another scheme (Basic...) the client only learns which one to use, no error code.
            boolean tokenSent = ServerRequestContext.currentRequest()
                    .map(r -> r.getHeaders().get(HttpHeaders.AUTHORIZATION))
                    .map(value -> value.strip().regionMatches(true, 0, "Bearer", 0, "Bearer".length()))
                    .orElse(false);
            response.header(HttpHeaders.WWW_AUTHENTICATE, tokenSent
                    ? "Bearer realm=\"curbside\", error=\"invalid_token\"" : "Bearer realm=\"curbside\"");
        }
        return response.status(problem.getStatus())
                .body(problem)
                .contentType(PROBLEM_JSON);
    }

    /** As {@link #write}, with the {@code Retry-After} its type calls for. */
    public static <T> MutableHttpResponse<Problem> write(MutableHttpResponse<T> response, ProblemType type,
                                                         Problem problem) {
        type.retryAfterSeconds().ifPresent(seconds -> response.header("Retry-After", String.valueOf(seconds)));
        return write(response, problem);
    }
}
