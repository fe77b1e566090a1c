package io.curbside.api.problem;

import io.curbside.contract.model.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a {@link ProblemException} thrown anywhere below a controller. */
@Singleton
@Produces
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        Problem problem = Problems.of(exception.type(), exception.getMessage(), exception.violations(), request);
        problem.setSuggestedLocation(exception.suggestedLocation());
        MutableHttpResponse<Problem> response = Problems.write(HttpResponse.status(exception.type().status()), problem);
        exception.retryAfterSeconds().ifPresent(seconds -> response.header("Retry-After", String.valueOf(seconds)));
        return response;
    }
}
