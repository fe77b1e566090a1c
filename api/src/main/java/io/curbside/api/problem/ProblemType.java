package io.curbside.api.problem;

import io.micronaut.http.HttpStatus;

import java.util.Optional;

/** The kinds of problem Curbside answers with, each with a stable type URI. */
public enum ProblemType {
    INVALID_PARAMETER("invalid-parameter", "Invalid parameter", HttpStatus.BAD_REQUEST),
    INVALID_BODY("invalid-body", "Invalid request body", HttpStatus.BAD_REQUEST),
    INVALID_FIELDS("invalid-fields", "Invalid fields", HttpStatus.UNPROCESSABLE_ENTITY),
    OUTSIDE_JURISDICTION("outside-jurisdiction", "Outside the city", HttpStatus.UNPROCESSABLE_ENTITY),
    EMERGENCY("emergency", "This is an emergency", HttpStatus.UNPROCESSABLE_ENTITY),
    INVALID_PHOTO("invalid-photo", "Unreadable photo", HttpStatus.UNPROCESSABLE_ENTITY),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key already used", HttpStatus.UNPROCESSABLE_ENTITY),
    /** The key was first sent by another caller (another account, or signed in against anonymous). */
    IDEMPOTENCY_KEY_OTHER_CALLER("idempotency-key-other-caller", "Idempotency key of another caller",
            HttpStatus.UNPROCESSABLE_ENTITY),
    IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", "Request already in progress", HttpStatus.CONFLICT),
    REQUEST_CLOSED("request-closed", "Request closed", HttpStatus.CONFLICT),
    REQUEST_NOT_CLOSED("request-not-closed", "Request not closed", HttpStatus.CONFLICT),
    ALREADY_RATED("already-rated", "Already rated", HttpStatus.CONFLICT),
    UNAUTHORIZED("unauthorized", "Sign-in needed", HttpStatus.UNAUTHORIZED),
    INVALID_CREDENTIALS("invalid-credentials", "Wrong credentials", HttpStatus.UNAUTHORIZED),
    INVALID_API_KEY("invalid-api-key", "Invalid API key", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN),
    INVALID_TRANSITION("invalid-transition", "Not possible now", HttpStatus.CONFLICT),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    LENGTH_REQUIRED("length-required", "Length required", HttpStatus.LENGTH_REQUIRED),
    /** An If-Match that names a version no longer current: someone changed it meanwhile. */
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", HttpStatus.PRECONDITION_FAILED),
    /** A change that must say which version it replaces (If-Match) came without it. */
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", HttpStatus.PRECONDITION_REQUIRED),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.REQUEST_ENTITY_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    /** Its Retry-After depends on the client's budget: the rate limiter sets it. */
    RATE_LIMITED("rate-limited", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
    UNAVAILABLE("unavailable", "Temporarily unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    INTERNAL("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR),
    /** A browser on another site asked for what CURBSIDE_CORS_ORIGINS does not let it do. */
    CROSS_ORIGIN_REFUSED("cross-origin-refused", "Cross-origin request refused", HttpStatus.FORBIDDEN),
    /** HTTP/1.1 that two readers could frame differently (a proxy and Curbside): the connection is closed. */
    MALFORMED_REQUEST("malformed-request", "Malformed request", HttpStatus.BAD_REQUEST),
    /** A method or transfer coding the server does not implement. */
    NOT_IMPLEMENTED("not-implemented", "Not implemented", HttpStatus.NOT_IMPLEMENTED),
    EXPECTATION_FAILED("expectation-failed", "Expectation failed", HttpStatus.EXPECTATION_FAILED),
    URI_TOO_LONG("uri-too-long", "URI too long", HttpStatus.REQUEST_URI_TOO_LONG),
    HEADERS_TOO_LARGE("headers-too-large", "Request headers too large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
    /** A compressed request body: the server reads only uncompressed ones. */
    UNSUPPORTED_CONTENT_ENCODING("unsupported-content-encoding", "Unsupported content encoding",
            HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    /** A password reset code that Curbside never mailed, or that was used or expired. */
    INVALID_RESET_CODE("invalid-reset-code", "Reset code not valid", HttpStatus.BAD_REQUEST),
    /** An address verification code that Curbside never mailed, or that was used or expired. */
    INVALID_VERIFICATION_CODE("invalid-verification-code", "Verification code not valid", HttpStatus.BAD_REQUEST),
    /** The account follows as many requests as one may (curbside.following.limit). */
    FOLLOW_LIMIT("follow-limit", "Following too many requests", HttpStatus.CONFLICT),
    /** Deleting the account and the like need the current password, or a sign-in a moment ago. */
    REAUTHENTICATION_REQUIRED("reauthentication-required", "Confirm it is you", HttpStatus.FORBIDDEN),
    /** An open-data filter (CQL2) that cannot be read, or asks for what is not supported or not queryable. */
    INVALID_FILTER("invalid-filter", "Invalid filter", HttpStatus.BAD_REQUEST);

    /** URNs: stable names that never depend on where Curbside is hosted. */
    static final String PREFIX = "urn:curbside:problem:";

    private final String slug;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    /** Seconds a client should wait before trying again, for the problems that pass by themselves. */
    public Optional<Integer> retryAfterSeconds() {
        return switch (this) {
            case IDEMPOTENCY_KEY_IN_USE -> Optional.of(2);
            case UNAVAILABLE -> Optional.of(5);
            default -> Optional.empty();
        };
    }

    /** The types a status alone stands for; the others are only ever raised by Curbside's own code. */
    private boolean raisedByFramework() {
        return switch (this) {
            case INVALID_PARAMETER, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, PAYLOAD_TOO_LARGE,
                 UNSUPPORTED_MEDIA_TYPE, UNAVAILABLE, INTERNAL -> true;
            default -> false;
        };
    }

    /** The type that fits an error status Micronaut raised by itself (no route, bad body...). */
    static Optional<ProblemType> forStatus(int code) {
        for (ProblemType type : values()) {
            if (type.status.getCode() == code && type.raisedByFramework()) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
