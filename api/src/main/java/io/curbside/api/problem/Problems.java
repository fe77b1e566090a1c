package io.curbside.api.problem;

import io.curbside.contract.model.Problem;
import io.curbside.contract.model.Violation;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;

/** Builds problem+json responses, so every error path looks the same on the wire. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    private Problems() {
    }

    public static Problem of(ProblemType type, String detail, List<Violation> violations, HttpRequest<?> request) {
        Problem problem = new Problem(type.uri(), type.title(), type.status().getCode());
        problem.setDetail(detail);
        if (request != null) {
            problem.setInstance(request.getPath());
        }
        if (!violations.isEmpty()) {
            problem.setViolations(violations);
        }
        return problem;
    }

    /** Puts the problem on the response, replacing whatever status and body it had. */
    public static <T> MutableHttpResponse<Problem> write(MutableHttpResponse<T> response, Problem problem) {
        return response.status(problem.getStatus())
                .body(problem)
                .contentType(PROBLEM_JSON);
    }
}
