package io.curbside.api.i18n;

import io.curbside.api.problem.Problems;
import io.curbside.contract.model.Problem;
import io.curbside.contract.model.Violation;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says every problem's title, and the standard "Please correct ..." sentence, in the language of
 * the request ({@link ProblemLanguage}); the details and violations Curbside words itself are said
 * in it already ({@link Messages#problem}). A language without a message says it in English.
 */
@ServerFilter("/**")
public class ProblemWording implements Ordered {

    private static final String PREFIX = "urn:curbside:problem:";

    /** First in, so last out: it words the problems every other filter answers with too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @ResponseFilter
    public void sayInTheRequestsLanguage(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!(response.getBody().orElse(null) instanceof Problem problem)
                || problem.getType() == null || !problem.getType().startsWith(PREFIX)) {
            return;
        }
        String language = ProblemLanguage.of(request);
        if (language.equals(Translations.FALLBACK)) {
            return;
        }
        Messages messages = Messages.classpath();
        String title = "problem.title." + problem.getType().substring(PREFIX.length());
        if (messages.has(title)) {
            problem.setTitle(messages.say(language, title, Map.of()));
        }
        List<Violation> violations = problem.getViolations();
        if (violations != null && !violations.isEmpty() && Problems.correct(violations).equals(problem.getDetail())) {
            problem.setDetail(messages.say(language, "problem.correct", Map.of("fields", violations.stream()
                    .map(v -> "\"" + v.getField() + "\": " + v.getMessage()).collect(Collectors.joining("; ")))));
        }
    }
}
