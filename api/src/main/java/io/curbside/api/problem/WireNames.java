package io.curbside.api.problem;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.inject.MethodExecutionHandle;
import io.micronaut.web.router.RouteAttributes;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The names clients know parameters by ("Accept-Language", "service_code"), read from the
 * binding annotations the contract generated on the route's method.
 */
final class WireNames {

    private WireNames() {
    }

    /** Java parameter names to header, query and path names. */
    static Map<String, String> of(HttpRequest<?> request) {
        return collect(request, metadata -> metadata.stringValue(Header.class)
                .or(() -> metadata.stringValue(QueryValue.class))
                .or(() -> metadata.stringValue(PathVariable.class))
                .orElse(null));
    }

    /** Java parameter names of bodies and parts to the field prefix of their violations: "" for a body, the part's name. */
    static Map<String, String> bodies(HttpRequest<?> request) {
        return collect(request, metadata -> metadata.hasAnnotation(Body.class) ? ""
                : metadata.stringValue(Part.class).orElse(null));
    }

    /**
     * The contract names every property in snake_case and the generator makes camelCase Java
     * names of them, so the way back is mechanical: accuracyM is accuracy_m.
     */
    static String snakeCase(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Map<String, String> collect(HttpRequest<?> request, Function<AnnotationMetadata, String> name) {
        Map<String, String> names = new HashMap<>();
        RouteAttributes.getRouteMatch(request)
                .filter(MethodExecutionHandle.class::isInstance)
                .map(match -> ((MethodExecutionHandle<?, ?>) match).getArguments())
                .ifPresent(arguments -> {
                    for (Argument<?> argument : arguments) {
                        String wire = name.apply(argument.getAnnotationMetadata());
                        if (wire != null) {
                            names.put(argument.getName(), wire);
                        }
                    }
                });
        return names;
    }
}
