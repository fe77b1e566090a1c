package io.curbside.api.problem;

import io.curbside.contract.model.SuggestedLocation;
import io.curbside.contract.model.Violation;

import java.util.List;
import java.util.Optional;

/** Thrown by feature services to answer with an RFC 9457 problem. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final transient List<Violation> violations;
    private transient SuggestedLocation suggestedLocation;
    private Integer retryAfterSeconds;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<Violation> violations) {
        super(detail);
        this.type = type;
        this.violations = List.copyOf(violations);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public static ProblemException invalidParameter(String name, String message) {
        return new ProblemException(ProblemType.INVALID_PARAMETER,
                "The parameter \"" + name + "\" " + message + ".", List.of(new Violation(name, message)));
    }

    public ProblemType type() {
        return type;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Offers the client a location it may have meant (from a photo's GPS), carried in the problem. */
    public ProblemException suggest(SuggestedLocation location) {
        this.suggestedLocation = location;
        return this;
    }

    public SuggestedLocation suggestedLocation() {
        return suggestedLocation;
    }

    /** Says how long this case has to wait, when it knows better than its type's usual wait. */
    public ProblemException retryAfter(int seconds) {
        this.retryAfterSeconds = Math.max(1, seconds);
        return this;
    }

    /** The wait for {@code Retry-After}: this case's own, else its type's. */
    public Optional<Integer> retryAfterSeconds() {
        return retryAfterSeconds != null ? Optional.of(retryAfterSeconds) : type.retryAfterSeconds();
    }
}
