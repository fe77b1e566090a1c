package io.curbside.api.docs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What openapi/curbside.yaml tells a developer, checked operation by operation: an example of every
 * JSON body it takes and answers (problems included), the credentials it takes, so that Swagger UI
 * sends them after "Authorize", and the refusals every API route can answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractExamplesTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** Every API route checks credentials and API keys (401), counts requests (429) and reads the database (503). */
    private static final List<String> EVERY_API_ROUTE_ANSWERS = List.of("401", "429", "503");

    private Map<String, Object> spec;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void read() throws Exception {
        try (InputStream in = ContractExamplesTest.class.getResourceAsStream("/openapi/curbside.yaml")) {
            spec = new Yaml().load(in);
        }
    }

    @Test
    void everyOperationHasRequestAndResponseExamples() {
        List<String> missing = new ArrayList<>();
        operations((name, op) -> {
            Map<String, Object> body = resolve(op.get("requestBody"));
            if (body != null) {
                media(body).forEach((type, media) -> check(name + " request " + type, type, media, missing));
            }
            boolean any = false;
            for (Map.Entry<String, Object> response : map(op.get("responses")).entrySet()) {
                Map<String, Object> resolved = resolve(response.getValue());
                for (Map.Entry<String, Map<String, Object>> m : media(resolved).entrySet()) {
                    any |= check(name + " " + response.getKey() + " " + m.getKey(), m.getKey(), m.getValue(), missing);
                }
            }
            if (!any) {
                missing.add(name + ": no answer with an example");
            }
        });
        assertEquals(List.of(), missing, "operations without examples");
    }

    @Test
    void everyApiRouteTakesAnApiKeyAndSaysWhatEveryRouteCanAnswer() {
        List<String> wrong = new ArrayList<>();
        operations((name, op) -> {
            if (!name.contains(" /v1/")) {
                return;
            }
            List<Map<String, Object>> security = list(op.get("security"));
            if (security.stream().noneMatch(requirement -> requirement.containsKey("apiKey"))) {
                wrong.add(name + ": no apiKey in security");
            }
            if (List.of("isAnonymous()").equals(op.get("x-roles")) && !security.contains(Map.of())) {
                wrong.add(name + ": open to all, but security does not allow no credentials ({})");
            }
            for (String status : EVERY_API_ROUTE_ANSWERS) {
                if (!map(op.get("responses")).containsKey(status)) {
                    wrong.add(name + ": no " + status);
                }
            }
        });
        assertEquals(List.of(), wrong);
    }

    /** Whether the media type has an example; one is required of JSON and multipart, not of binary files (a photo, a GeoJSON upload). */
    private boolean check(String where, String type, Map<String, Object> media, List<String> missing) {
        if (media.containsKey("example")) {
            return true;
        }
        Map<String, Object> examples = map(media.get("examples"));
        if (examples.isEmpty()) {
            Map<String, Object> schema = map(media.get("schema"));
            boolean json = type.contains("json") || type.equals("multipart/form-data");
            if (json && !"binary".equals(schema.get("format"))) {
                missing.add(where);
            }
            return false;
        }
        examples.forEach((key, example) -> {
            if (resolve(example) == null || !resolve(example).containsKey("value")) {
                missing.add(where + ": example " + key + " has no value");
            }
        });
        return true;
    }

    @SuppressWarnings("unchecked")
    private void operations(BiConsumer<String, Map<String, Object>> each) {
        map(spec.get("paths")).forEach((path, item) -> map(item).forEach((method, op) -> {
            if (METHODS.contains(method)) {
                each.accept(method.toUpperCase() + " " + path, (Map<String, Object>) op);
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> media(Map<String, Object> bodyOrResponse) {
        return bodyOrResponse == null ? Map.of() : (Map<String, Map<String, Object>>) (Map<?, ?>) map(bodyOrResponse.get("content"));
    }

    /** The object, or what its $ref points at inside the document. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Object node) {
        Map<String, Object> object = (Map<String, Object>) node;
        if (object == null || !object.containsKey("$ref")) {
            return object;
        }
        Object target = spec;
        for (String part : ((String) object.get("$ref")).substring(2).split("/")) {
            target = ((Map<String, Object>) target).get(part);
        }
        return (Map<String, Object>) target;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        return node == null ? List.of() : (List<Map<String, Object>>) node;
    }
}
