package io.curbside.api.support;

import java.util.List;

/** An operator's catalog or jurisdiction file that cannot be imported, with every reason. */
public class InvalidFileException extends RuntimeException {

    private final transient List<YamlTree.Problem> problems;

    /** Problems of the whole file, at no particular place. */
    public InvalidFileException(String source, List<String> problems) {
        this(source, wholeFile(problems));
    }

    /** The problems of a file, each with the place it is at. */
    public InvalidFileException(String source, YamlTree.Problems problems) {
        super(source + " cannot be imported:\n  " + String.join("\n  ", lines(problems.all())));
        this.problems = problems.all();
    }

    /** The reasons as lines ("services[0].target: is missing"). */
    public List<String> problems() {
        return lines(problems);
    }

    /** The reasons with their places apart; the place is empty for a problem of the whole file. */
    public List<YamlTree.Problem> located() {
        return problems;
    }

    private static YamlTree.Problems wholeFile(List<String> messages) {
        YamlTree.Problems problems = new YamlTree.Problems();
        messages.forEach(m -> problems.add("", m));
        return problems;
    }

    private static List<String> lines(List<YamlTree.Problem> problems) {
        return problems.stream().map(p -> p.path().isEmpty() ? p.message() : p.path() + ": " + p.message()).toList();
    }
}
