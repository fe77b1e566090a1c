package io.curbside.api.opendata.query;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.contract.model.Violation;

import java.util.List;

/** The 400s of the query layer: a bad filter names the place in it, a bad parameter names the parameter. */
final class QueryProblems {

    static final String FILTER = "filter";

    private QueryProblems() {
    }

    /** A filter that cannot be read or is not supported; {@code position} counts characters from 1. */
    static ProblemException filter(int position, String message) {
        String where = "at character " + position + ": " + message;
        return new ProblemException(ProblemType.INVALID_FILTER, "The filter cannot be used, " + where + ".",
                List.of(new Violation(FILTER, where)));
    }

    /** A filter that reads well but asks what the queryables cannot answer (unknown name, wrong type). */
    static ProblemException filter(String message) {
        return new ProblemException(ProblemType.INVALID_FILTER, "The filter cannot be used: " + message + ".",
                List.of(new Violation(FILTER, message)));
    }

    static ProblemException parameter(String name, String message) {
        return ProblemException.invalidParameter(name, message);
    }
}
