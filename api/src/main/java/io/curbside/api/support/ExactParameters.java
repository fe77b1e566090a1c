package io.curbside.api.support;

import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.curbside.contract.model.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.inject.MethodExecutionHandle;
import io.micronaut.web.router.RouteAttributes;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every query parameter of every route read exactly as the contract types it, before Micronaut
 * converts it: its conversions take "0x1p5", "NaN" and "Infinity" for numbers, "+5" for whole
 * numbers, anything but "true" (even "maybe") for false, and the first of a parameter given twice.
 * Here a number is a plain decimal, a whole number has no sign but "-" and no fraction, a boolean
 * is true or false, an enum one of its wire values, a UUID in its canonical form, a parameter that
 * takes one value has one, and every value is text ({@link PlainText}). A refusal is the 400 every
 * other bad parameter gets, naming the parameter.
 */
@ServerFilter("/v1/**")
public class ExactParameters {

    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseInexactParameters(HttpRequest<?> request) {
        Argument<?>[] arguments = RouteAttributes.getRouteMatch(request)
                .filter(MethodExecutionHandle.class::isInstance)
                .map(match -> ((MethodExecutionHandle<?, ?>) match).getArguments())
                .orElse(new Argument<?>[0]);
        for (Argument<?> argument : arguments) {
            String name = argument.getAnnotationMetadata().stringValue(QueryValue.class).orElse(null);
            if (name == null) {
                continue;
            }
            List<String> values = request.getParameters().getAll(name);
            boolean many = Collection.class.isAssignableFrom(argument.getType());
            String problem = !many && values.size() > 1 ? "is given " + values.size() + " times; it takes one value"
                    : null;
            Class<?> type = many ? argument.getFirstTypeVariable().<Class<?>>map(Argument::getType).orElse(String.class)
                    : argument.getType();
            for (int i = 0; i < values.size() && problem == null; i++) {
                problem = PlainText.problem(values.get(i));
                if (problem == null) {
                    problem = inexact(values.get(i), type);
                }
            }
            if (problem != null) {
                Violation violation = new Violation(name, problem);
                return Problems.write(HttpResponse.badRequest(), Problems.of(ProblemType.INVALID_PARAMETER,
                        "The parameter \"" + name + "\" " + problem + ".", List.of(violation), request));
            }
        }
        return null;
    }

    /** What is wrong with the value as the type, or null when it is exactly one. */
    static String inexact(String value, Class<?> type) {
        Class<?> boxed = Argument.of(type).getWrapperType();
        if (boxed == Double.class || boxed == Float.class || boxed == java.math.BigDecimal.class) {
            return DECIMAL.matcher(value).matches() && Double.isFinite(Double.parseDouble(value)) ? null
                    : "must be a number written in decimals, like 39.96 or -82.99";
        }
        if (boxed == Integer.class || boxed == Long.class || boxed == Short.class) {
            long max = boxed == Integer.class ? Integer.MAX_VALUE : boxed == Short.class ? Short.MAX_VALUE : Long.MAX_VALUE;
            return WHOLE.matcher(value).matches() && new BigInteger(value).abs().compareTo(BigInteger.valueOf(max)) <= 0
                    ? null : "must be a whole number, like 50";
        }
        if (boxed == Boolean.class) {
            return value.equals("true") || value.equals("false") ? null : "must be true or false";
        }
        if (boxed == UUID.class) {
            return CANONICAL_UUID.matcher(value).matches() ? null : "must be an id (a UUID)";
        }
        if (boxed.isEnum()) {
            List<String> allowed = Arrays.stream(boxed.getEnumConstants()).map(String::valueOf).toList();
            return allowed.contains(value) ? null : "must be one of " + String.join(", ", allowed);
        }
        return null;
    }
}
