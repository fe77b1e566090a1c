package io.curbside.api.problem;

import io.curbside.contract.model.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a {@link ProblemException} thrown anywhere below a controller. */
@Singleton
@Produces
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        if (exception.type().status().getCode() >= 500) {
            // Micronaut's own error log is off (one line per failure, see logback.xml): a 5xx is logged here, once.
            LOG.warn("{} {} answered {}: {}", request.getMethodName(), Problems.route(request), exception.type().uri(),
                    exception.getMessage());
        }
        Problem problem = Problems.of(exception.type(), exception.getMessage(), exception.violations(), request);
        problem.setSuggestedLocation(exception.suggestedLocation());
        MutableHttpResponse<Problem> response = Problems.write(HttpResponse.status(exception.type().status()), problem);
        exception.retryAfterSeconds().ifPresent(seconds -> response.header("Retry-After", String.valueOf(seconds)));
        return response;
    }
}
