package io.curbside.api.problem;

import io.curbside.contract.model.Problem;
import io.curbside.contract.model.Violation;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns every error Micronaut raises by itself (no route, wrong method, unreadable JSON, a
 * parameter that does not convert or validate, an unexpected exception) into problem+json.
 * One place, so no error path can answer in another format, and the one place that logs an
 * unexpected error (Micronaut's own logging of them is off in logback.xml, so none is logged twice
 * and a database outage is not a stack trace per request).
 */
@Primary
@Singleton
public class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponseProcessor.class);

    private final DatabaseOutage outage;

    ProblemResponseProcessor(DatabaseOutage outage) {
        this.outage = outage;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        Throwable cause = context.getRootCause().orElse(null);
        Optional<ProblemException> refused = refusedBeforeRouting(context.getRequest());
        if (refused.isPresent()) {
            ProblemType type = refused.get().type();
            if (type == ProblemType.UNSUPPORTED_CONTENT_ENCODING) {
                // RFC 9110 §15.5.16: say which content codings would be accepted.
                response.header(HttpHeaders.ACCEPT_ENCODING, "identity");
            }
            // No instance: the request line of an undecodable request is not known.
            return Problems.write(response, type, Problems.of(type, refused.get().getMessage(), List.of(), null));
        }
        if (databaseUnreachable(cause)) {
            outage.failed(context.getRequest(), cause);
            return Problems.write(response, ProblemType.UNAVAILABLE, Problems.of(ProblemType.UNAVAILABLE,
                    "The service cannot reach its database right now. Please try again shortly.",
                    List.of(), context.getRequest()));
        }
        if (conflictingTransactions(cause)) {
            // Two changes met on the same rows and the database undid one: nothing is wrong, and
            // the same request succeeds when sent again.
            return Problems.write(response, ProblemType.UNAVAILABLE, Problems.of(ProblemType.UNAVAILABLE,
                    "Another change to the same data got in the way. Please send this again.",
                    List.of(), context.getRequest()));
        }
        if (queryTooLong(cause)) {
            // A filter the indexes cannot serve ran past the open data's statement_timeout. A download is
            // already the bulk route: it is told of the daily snapshot instead.
            boolean download = context.getRequest().getPath().startsWith("/v1/opendata/requests.");
            return Problems.write(response, ProblemType.UNAVAILABLE, Problems.of(ProblemType.UNAVAILABLE,
                    "This query took longer than one answer may. Narrow it (a smaller bbox, a shorter time span, "
                            + "fewer text matches), or " + (download ? "take the daily snapshot "
                            + "(/v1/opendata/snapshots) and filter it yourself." : "use the bulk download."),
                    List.of(), context.getRequest()));
        }
        if (status >= 500) {
            LOG.error("Unexpected error on {} {}", context.getRequest().getMethod(), Problems.route(context.getRequest()), cause);
            return Problems.write(response, Problems.of(ProblemType.INTERNAL,
                    "Something went wrong on our side. The error has been logged.", List.of(), context.getRequest()));
        }
        if (cause instanceof ConstraintViolationException e && inBody(e, context.getRequest())) {
            List<Violation> violations = bodyViolations(e, context.getRequest());
            return Problems.write(response, Problems.of(ProblemType.INVALID_FIELDS, detail(violations), violations,
                    context.getRequest()));
        }
        if (cause instanceof ConversionErrorException e && WireNames.bodies(context.getRequest()).containsKey(e.getArgument().getName())) {
            return Problems.write(response, problem(UnreadableBody.of(e.getConversionError().getCause(),
                    WireNames.bodies(context.getRequest()).get(e.getArgument().getName())), context.getRequest()));
        }
        if (status == HttpStatus.BAD_REQUEST.getCode() && isBodyError(cause)) {
            return Problems.write(response, problem(UnreadableBody.of(cause, ""), context.getRequest()));
        }
        Optional<ProblemType> known = ProblemType.forStatus(status);
        if (known.isEmpty()) {
            return Problems.write(response, Problems.ofStatus(status, HttpStatus.valueOf(status).getReason() + ".",
                    context.getRequest()));
        }
        ProblemType type = known.get();
        List<Violation> violations = violations(cause, context);
        if (type == ProblemType.INVALID_PARAMETER && namesAPart(violations, context.getRequest())) {
            type = ProblemType.INVALID_BODY;
        }
        return Problems.write(response, Problems.of(type, violations.isEmpty() ? detail(type, context) : detail(violations),
                violations, context.getRequest()));
    }

    /**
     * The problem of a request refused as it was read, before any route (HTTP framing: see
     * support.FramingGuard), which Micronaut hands on as a request that failed to decode.
     */
    private static Optional<ProblemException> refusedBeforeRouting(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty
                && netty.getNativeRequest().decoderResult().cause() instanceof ProblemException refused) {
            return Optional.of(refused);
        }
        return Optional.empty();
    }

    private static Problem problem(ProblemException unreadable, HttpRequest<?> request) {
        return Problems.of(unreadable.type(), unreadable.getMessage(), unreadable.violations(), request);
    }

    /** Names each bad parameter the way the client sent it. */
    private static List<Violation> violations(Throwable cause, ErrorContext context) {
        Map<String, String> wire = WireNames.of(context.getRequest());
        List<Violation> violations = new ArrayList<>();
        if (cause instanceof ConstraintViolationException e) {
            for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                String field = null;
                for (Path.Node node : v.getPropertyPath()) {
                    field = node.getName();
                }
                violations.add(new Violation(field == null ? "" : wire.getOrDefault(field, field), v.getMessage()));
            }
        } else if (cause instanceof ConversionErrorException e) {
            violations.add(new Violation(wire.getOrDefault(e.getArgument().getName(), e.getArgument().getName()),
                    "is not a valid " + e.getArgument().getType().getSimpleName().toLowerCase(Locale.ROOT)));
        } else if (cause instanceof UnsatisfiedArgumentException e) {
            violations.add(new Violation(wire.getOrDefault(e.getArgument().getName(), e.getArgument().getName()),
                    "is required"));
        } else {
            for (Error error : context.getErrors()) {
                error.getPath().ifPresent(path -> violations.add(new Violation(fieldName(path), error.getMessage())));
            }
        }
        violations.sort(Comparator.comparing(Violation::getField));
        return violations;
    }

    /** A missing or unreadable multipart part is the body's problem, not a parameter's. */
    private static boolean namesAPart(List<Violation> violations, HttpRequest<?> request) {
        var parts = WireNames.bodies(request).values();
        return violations.stream().anyMatch(v -> !v.getField().isEmpty() && parts.contains(v.getField()));
    }

    /** Whether the constraints that failed are inside a request body or part, not on a parameter. */
    private static boolean inBody(ConstraintViolationException e, HttpRequest<?> request) {
        Map<String, String> parts = WireNames.bodies(request);
        return e.getConstraintViolations().stream().anyMatch(v -> parameter(v).map(parts::containsKey).orElse(false));
    }

    /** Violations inside a body, as JSON paths named as on the wire ("location.accuracy_m", "photos"). */
    private static List<Violation> bodyViolations(ConstraintViolationException e, HttpRequest<?> request) {
        Map<String, String> bodies = WireNames.bodies(request);
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            String parameter = parameter(v).orElse("");
            violations.addAll(ConstraintPaths.of(List.of(v), bodies.getOrDefault(parameter, parameter),
                    ElementKind.PARAMETER));
        }
        violations.sort(Comparator.comparing(Violation::getField));
        return violations;
    }

    private static Optional<String> parameter(ConstraintViolation<?> v) {
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                return Optional.ofNullable(node.getName());
            }
        }
        return Optional.empty();
    }

    private static String detail(List<Violation> violations) {
        return Problems.correct(violations);
    }

    private static String detail(ProblemType type, ErrorContext context) {
        return switch (type) {
            case NOT_FOUND -> "There is nothing at " + context.getRequest().getPath() + ".";
            case METHOD_NOT_ALLOWED -> context.getRequest().getMethodName() + " is not allowed on "
                    + context.getRequest().getPath() + ".";
            case UNAUTHORIZED -> context.getRequest().getHeaders().contains(HttpHeaders.AUTHORIZATION)
                    ? "The access token is not valid (expired, altered, or not from a key Curbside trusts). "
                    + "Refresh it or sign in again."
                    : "Sign in first: this needs an access token (Authorization: Bearer).";
            case FORBIDDEN -> "Your account does not have the role this needs.";
            default -> context.getErrors().stream().map(Error::getMessage).findFirst().orElse(type.title());
        };
    }

    /** Paths look like "listServices.q" or "/lon"; clients know the parameter as "q" or "lon". */
    private static String fieldName(String path) {
        if (path.startsWith("/")) {
            return path.substring(1).replace('/', '.');
        }
        int dot = path.indexOf('.');
        return dot >= 0 && dot < path.length() - 1 ? path.substring(dot + 1) : path;
    }

    /** A deadlock (40P01) or a serialization failure (40001): the transaction was undone, and may be sent again. */
    private static boolean conflictingTransactions(Throwable cause) {
        return hasState(cause, "40P01") || hasState(cause, "40001");
    }

    /** A statement cancelled by its statement_timeout (57014): the open-data reads' bound on one query. */
    private static boolean queryTooLong(Throwable cause) {
        return hasState(cause, "57014");
    }

    private static boolean hasState(Throwable cause, String state) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && state.equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBodyError(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.contains("Json") || name.contains("Serde") || name.contains("Codec")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pool timed out, or a connection broke: SQLState class 08 (connection exception) or
     * 57P01-57P03 (the server shut down or is starting), or Micronaut could not prepare a pooled
     * connection (Hikari handed out one the server had closed). Not the client's fault, not a bug.
     */
    private static boolean databaseUnreachable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectionException) {
                return true;
            }
            if (t instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
