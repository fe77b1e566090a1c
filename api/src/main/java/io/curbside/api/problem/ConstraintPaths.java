package io.curbside.api.problem;

import io.curbside.contract.model.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Bean Validation failures inside a body, as violations named by JSON path as on the wire ("location.accuracy_m"). */
public final class ConstraintPaths {

    private ConstraintPaths() {
    }

    /**
     * One violation per failure, named from the root of the body or part it is in ("location.lat"
     * whether the report came as JSON or as the "report" part); a failure of the part itself is
     * named by the part ("photos"). Nodes up to and including {@code after} (e.g. the method
     * parameter) are skipped, or none when it is null.
     */
    public static List<Violation> of(Collection<? extends ConstraintViolation<?>> failures, String part,
                                     ElementKind after) {
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : failures) {
            StringBuilder field = new StringBuilder();
            boolean started = after == null;
            for (Path.Node node : v.getPropertyPath()) {
                if (!started) {
                    started = node.getKind() == after;
                    continue;
                }
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(node.getKey());
                }
                if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(WireNames.snakeCase(node.getName()));
                }
            }
            violations.add(new Violation(field.isEmpty() ? part : field.toString(), v.getMessage()));
        }
        violations.sort(Comparator.comparing(Violation::getField));
        return violations;
    }
}
