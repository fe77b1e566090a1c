package io.curbside.api.support;

import java.util.List;

/** An operator's catalog or jurisdiction file that cannot be imported, with every reason. */
public class InvalidFileException extends RuntimeException {

    private final List<String> problems;

    public InvalidFileException(String source, List<String> problems) {
        super(source + " cannot be imported:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
