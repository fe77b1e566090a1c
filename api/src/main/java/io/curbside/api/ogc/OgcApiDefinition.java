package io.curbside.api.ogc;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API definition of {@code /ogc/api} (/req/oas30/oas-definition-1): the {@code /ogc} part of the
 * contract, openapi/curbside.yaml, cut out with every component it refers to, its paths made relative
 * to a server at {@code /ogc}. One source: the routes Curbside documents are the routes it defines.
 */
@Singleton
class OgcApiDefinition {

    private final Map<String, Object> contract;
    private final JsonMapper json;

    OgcApiDefinition(ResourceResolver resources, JsonMapper json) {
        this.json = json;
        try (InputStream in = resources.getResourceAsStream("classpath:openapi/curbside.yaml")
                .orElseThrow(() -> new IllegalStateException("openapi/curbside.yaml is missing from the build"))) {
            this.contract = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The definition as JSON, with its server at {@code base} (the absolute URL of /ogc). */
    @SuppressWarnings("unchecked")
    byte[] document(String base) {
        Map<String, Object> paths = new TreeMap<>();
        ((Map<String, Object>) contract.get("paths")).forEach((path, item) -> {
            if (path.equals(OgcDocuments.BASE) || path.startsWith(OgcDocuments.BASE + "/")) {
                String relative = path.substring(OgcDocuments.BASE.length());
                paths.put(relative.isEmpty() ? "/" : relative, item);
            }
        });
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", contract.get("openapi"));
        document.put("info", Map.of("title", "Curbside open data: OGC API – Features", "version",
                ((Map<String, Object>) contract.get("info")).get("version"), "description",
                "The city's public 311 data and district boundaries as OGC API – Features (Part 1: Core, GeoJSON, "
                        + "HTML, OpenAPI 3.0). Part of the Curbside API: " + base.replaceAll("/ogc$", "")
                        + "/openapi/curbside.yaml."));
        document.put("servers", List.of(Map.of("url", base)));
        document.put("paths", paths);
        document.put("components", referenced(paths));
        try {
            return json.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The components the paths refer to, and those they refer to in turn, and the API key scheme they use. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> referenced(Object paths) {
        Map<String, Object> all = (Map<String, Object>) contract.get("components");
        Map<String, Map<String, Object>> kept = new TreeMap<>();
        Deque<Object> pending = new ArrayDeque<>(List.of(paths));
        while (!pending.isEmpty()) {
            Object node = pending.pop();
            if (node instanceof Map<?, ?> map) {
                if (map.get("$ref") instanceof String ref && ref.startsWith("#/components/")) {
                    String[] parts = ref.substring("#/components/".length()).split("/");
                    Map<String, Object> section = kept.computeIfAbsent(parts[0], k -> new TreeMap<>());
                    if (!section.containsKey(parts[1])) {
                        Object target = ((Map<String, Object>) all.get(parts[0])).get(parts[1]);
                        section.put(parts[1], target);
                        pending.push(target);
                    }
                }
                if (map.get("security") instanceof List<?> requirements) {
                    for (Object requirement : requirements) {
                        ((Map<String, Object>) requirement).keySet().forEach(scheme -> kept
                                .computeIfAbsent("securitySchemes", k -> new TreeMap<>())
                                .put(scheme, ((Map<String, Object>) all.get("securitySchemes")).get(scheme)));
                    }
                }
                map.values().stream().filter(v -> v != null).forEach(pending::push);
            } else if (node instanceof List<?> list) {
                list.stream().filter(v -> v != null).forEach(pending::push);
            }
        }
        return new TreeMap<>(kept);
    }
}
