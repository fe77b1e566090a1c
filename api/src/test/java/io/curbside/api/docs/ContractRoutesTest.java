package io.curbside.api.docs;

import io.curbside.api.testing.DatabaseTest;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The running app serves exactly the routes openapi/curbside.yaml declares, no more, no fewer. */
@MicronautTest(transactional = false)
class ContractRoutesTest extends DatabaseTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Inject
    Router router;

    @Inject
    @Client("/")
    HttpClient client;

    /** (method, path) of every operation in the contract, path parameters filled with a sample. */
    @SuppressWarnings("unchecked")
    private static List<String[]> declared() throws Exception {
        try (InputStream in = ContractRoutesTest.class.getResourceAsStream("/openapi/curbside.yaml")) {
            Map<String, Object> spec = new Yaml().load(in);
            List<String[]> operations = new ArrayList<>();
            ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, item) -> item.keySet().stream()
                    .filter(METHODS::contains)
                    .forEach(method -> operations.add(new String[] {method.toUpperCase(Locale.ROOT),
                            path.replaceAll("\\{[^}]+}", "sample")})));
            return operations;
        }
    }

    private List<UriRouteInfo<?, ?>> served() {
        return router.uriRoutes()
                .filter(r -> r.getHttpMethod() != HttpMethod.HEAD && r.getHttpMethod() != HttpMethod.OPTIONS)
                .toList();
    }

    @Test
    void everyDeclaredOperationIsServed() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String[] op : declared()) {
            boolean found = served().stream().anyMatch(r -> r.getHttpMethod().name().equals(op[0])
                    && r.getUriMatchTemplate().match(op[1]).isPresent());
            if (!found) {
                missing.add(op[0] + " " + op[1]);
            }
        }
        assertEquals(List.of(), missing, "declared in curbside.yaml but not served");
    }

    @Test
    void everyServedRouteIsDeclared() throws Exception {
        List<String[]> declared = declared();
        List<String> undeclared = new ArrayList<>();
        for (UriRouteInfo<?, ?> route : served()) {
            boolean found = declared.stream().anyMatch(op -> op[0].equals(route.getHttpMethod().name())
                    && route.getUriMatchTemplate().match(op[1]).isPresent());
            if (!found) {
                undeclared.add(route.getHttpMethod() + " " + route.getUriMatchTemplate());
            }
        }
        assertEquals(List.of(), undeclared, "served but not declared in curbside.yaml");
        assertTrue(served().size() >= 5, "the router lists the app's routes");
    }

    @Test
    void theDocumentAndItsPageAreServed() {
        String yaml = client.toBlocking().retrieve(HttpRequest.GET("/openapi/curbside.yaml"));
        assertTrue(yaml.startsWith("openapi: 3.0"), yaml.substring(0, 40));
        String page = client.toBlocking().retrieve(HttpRequest.GET("/openapi"));
        assertTrue(page.contains("/openapi/curbside.yaml") && page.contains("swagger-ui-bundle.js"));
        String script = client.toBlocking().retrieve(HttpRequest.GET("/openapi/ui/swagger-ui-bundle.js"));
        assertTrue(script.length() > 100_000, "Swagger UI is bundled, not fetched from a CDN");
    }
}
