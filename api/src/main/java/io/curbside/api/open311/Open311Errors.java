package io.curbside.api.open311;

import io.curbside.contract.model.Problem;
import io.curbside.contract.model.Violation;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.core.order.Ordered;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every refusal under {@code /open311} as the spec writes errors: a list of {@code code} (the HTTP status)
 * and {@code description}, in the format of the path's suffix, instead of problem+json. One place, after
 * whoever refused (the route, the intake's checks, the rate limiter, a missing route), so that no refusal
 * reaches an Open311 client in another shape. A 401 of a bad API key is the spec's 403.
 */
@ServerFilter(Open311Controller.BASE + "/**")
class Open311Errors implements Ordered {

    private final Open311Writer writer;

    Open311Errors(Open311Writer writer) {
        this.writer = writer;
    }

    /** Before the API key check and the rate limiter, so their refusals pass back through here. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @ResponseFilter
    @SuppressWarnings("unchecked")
    public void asOpen311(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Object body = response.getBody().orElse(null);
        if (!(body instanceof Problem problem)) {
            return;
        }
        int status = problem.getStatus() == HttpStatus.UNAUTHORIZED.getCode() ? HttpStatus.FORBIDDEN.getCode()
                : problem.getStatus();
        Open311Format format = Open311Format.ofPath(request.getPath());
        byte[] bytes = writer.write(format, "errors", errors(status, problem));
        response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
        ((MutableHttpResponse<Object>) response).status(status).body(bytes)
                .contentType(MediaType.of(format.contentType()));
    }

    /** One error per field the problem names, else one for the whole problem. */
    static List<Map<String, Object>> errors(int status, Problem problem) {
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Violation> violations = problem.getViolations() == null ? List.of() : problem.getViolations();
        for (Violation v : violations) {
            errors.add(error(status, fieldName(v.getField()) + ": " + v.getMessage()));
        }
        if (errors.isEmpty()) {
            errors.add(error(status, problem.getDetail() != null ? problem.getDetail() : problem.getTitle()));
        }
        return errors;
    }

    private static Map<String, Object> error(int code, String description) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("description", description);
        return error;
    }

    /** The native report's field as the Open311 form names it. */
    static String fieldName(String field) {
        if (field == null) {
            return "request";
        }
        return switch (field) {
            case "location", "location.lat" -> "lat";
            case "location.lon" -> "long";
            case "location.description" -> "address_string";
            case "contact.email" -> "email";
            case "contact.phone" -> "phone";
            case "contact.name" -> "first_name";
            case "photos" -> "media";
            default -> field.startsWith("answers.") ? "attribute[" + field.substring("answers.".length()) + "]"
                    : field.startsWith("photos[") ? "media" : field;
        };
    }
}
