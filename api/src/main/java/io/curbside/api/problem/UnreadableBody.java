package io.curbside.api.problem;

import io.curbside.contract.model.Violation;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A body that could not be read as the contract's type, told by the JSON path of the field at
 * fault: a body that is not one well-formed JSON document is a 400; a well-formed one with a value
 * the field cannot take (another JSON type, a value no enum has, a string that is not text) a 422
 * naming the field. The serializer's own words are never passed on: they name Java classes and
 * properties.
 */
public final class UnreadableBody {

    private UnreadableBody() {
    }

    /**
     * The problem for {@code failure}, raised reading the body ({@code part} "") or the multipart
     * part named {@code part}.
     */
    public static ProblemException of(Throwable failure, String part) {
        String where = part.isEmpty() ? "The body" : "The \"" + part + "\" part";
        RefusedJson refused = refused(failure);
        if (refused != null && refused.kind() == RefusedJson.Kind.SYNTAX) {
            String field = refused.field().isEmpty() ? part : refused.field();
            return new ProblemException(ProblemType.INVALID_BODY, where + " is not one JSON document: "
                    + refused.reason() + ".", field.isEmpty() ? List.of() : List.of(new Violation(field, refused.reason())));
        }
        if (refused != null && refused.kind() == RefusedJson.Kind.TEXT) {
            List<Violation> violations = new ArrayList<>();
            refused.texts().forEach((field, reason) -> violations.add(new Violation(field.isEmpty() ? part : field, reason)));
            violations.sort(Comparator.comparing(Violation::getField));
            return new ProblemException(ProblemType.INVALID_FIELDS, Problems.correct(violations), violations);
        }
        List<ReferencePath> path = path(failure);
        if (refused != null && refused.kind() == RefusedJson.Kind.NOT_AN_ARRAY && !path.isEmpty()
                && path.get(path.size() - 1) instanceof CollectionItemReferencePath) {
            return invalid(new Violation(jsonPath(path.subList(0, path.size() - 1)), refused.reason()));
        }
        if (path.isEmpty()) {
            return new ProblemException(ProblemType.INVALID_BODY, where + " is not JSON of the shape this route takes.",
                    part.isEmpty() ? List.of() : List.of(new Violation(part, "could not be read")));
        }
        String field = jsonPath(path);
        Class<?> type = valueType(path.get(path.size() - 1));
        return invalid(new Violation(field, type.isEnum() ? "must be one of " + allowed(type)
                : refused != null ? refused.reason() : "must be " + kind(type)));
    }

    private static ProblemException invalid(Violation violation) {
        return new ProblemException(ProblemType.INVALID_FIELDS, Problems.correct(List.of(violation)), List.of(violation));
    }

    private static RefusedJson refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RefusedJson refused) {
                return refused;
            }
        }
        return null;
    }

    /** From the body's root to the value at fault; the serializer records it innermost first. */
    private static List<ReferencePath> path(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SerdeException e && !e.getPath().isEmpty()) {
                List<ReferencePath> path = new ArrayList<>(e.getPath());
                Collections.reverse(path);
                return path;
            }
        }
        return List.of();
    }

    /** "location.lat", "grants[0].role": properties in the contract's snake_case, as in {@link ConstraintPaths}. */
    private static String jsonPath(List<ReferencePath> path) {
        StringBuilder field = new StringBuilder();
        for (ReferencePath node : path) {
            if (node instanceof CollectionItemReferencePath item) {
                field.append('[').append(item.index()).append(']');
            } else if (node instanceof MapItemReferencePath entry) {
                field.append(field.isEmpty() ? "" : ".").append(entry.key());
            } else {
                field.append(field.isEmpty() ? "" : ".").append(wireName(node.getArgument()));
            }
        }
        return field.toString();
    }

    /** The property's name in the contract: its JSON name where the generator gave one ("public" for _public). */
    private static String wireName(Argument<?> property) {
        return property.getAnnotationMetadata().stringValue("com.fasterxml.jackson.annotation.JsonProperty")
                .orElseGet(() -> WireNames.snakeCase(property.getName()));
    }

    /** The type the value at fault should have had: an array item's is the array's type argument. */
    private static Class<?> valueType(ReferencePath node) {
        Argument<?> argument = node.getArgument();
        if (node instanceof CollectionItemReferencePath item) {
            argument = item.collectionArgument().getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
        }
        return argument.getType();
    }

    /** The contract's enums print as their wire value ({@code toString} is the generated {@code @JsonValue}). */
    private static String allowed(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(value -> "\"" + value + "\"")
                .collect(Collectors.joining(", "));
    }

    private static String kind(Class<?> type) {
        Class<?> boxed = Argument.of(type).getWrapperType();
        if (boxed == Integer.class || boxed == Long.class || boxed == Short.class || boxed == Byte.class
                || boxed == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(boxed)) {
            return "a number";
        }
        if (boxed == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(boxed) || boxed == UUID.class
                || boxed.getPackageName().equals("java.time")) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(boxed) || boxed.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(boxed) || !boxed.getPackageName().startsWith("java")) {
            return "an object";
        }
        return "of the type the contract gives";
    }
}
