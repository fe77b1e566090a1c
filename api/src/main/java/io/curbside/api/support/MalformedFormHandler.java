package io.curbside.api.support;

import io.curbside.api.i18n.Messages;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.curbside.contract.model.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * A multipart form Netty's decoder cannot split into named parts (a part without a name or
 * without a Content-Disposition, a garbage one) is the client's mistake: a 400, not the 500 of an
 * unexpected error, and without the decoder's own words. The route never ran to its end, so
 * nothing was filed.
 */
@Singleton
@Produces
class MalformedFormHandler implements ExceptionHandler<HttpPostRequestDecoder.ErrorDataDecoderException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, HttpPostRequestDecoder.ErrorDataDecoderException exception) {
        ProblemType type = ProblemType.INVALID_BODY;
        return Problems.write(HttpResponse.status(type.status()), type, Problems.of(type,
                Messages.english("problem.multipart.malformed", Map.of()), List.of(), request));
    }
}
