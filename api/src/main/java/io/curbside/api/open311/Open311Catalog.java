package io.curbside.api.open311;

import io.curbside.api.catalog.CatalogService;
import io.curbside.contract.model.Question;
import io.curbside.contract.model.QuestionDatatype;
import io.curbside.contract.model.ServiceDefinition;
import io.curbside.contract.model.ServiceGroup;
import io.curbside.contract.model.ServiceList;
import io.curbside.contract.model.ServiceSummary;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The services and their definitions as GeoReport v2 lists them, from the same catalog views as
 * {@code GET /v1/services}: the caller's language (Accept-Language), the same services and questions.
 */
@Singleton
class Open311Catalog {

    private final CatalogService catalog;

    Open311Catalog(CatalogService catalog) {
        this.catalog = catalog;
    }

    CatalogService.View view(String acceptLanguage) {
        return catalog.view(null, acceptLanguage);
    }

    /** The service elements: code, name, description, metadata, type, keywords, group. */
    List<Map<String, Object>> services(CatalogService.View view) {
        ServiceList list = catalog.list(view, null, null);
        Map<String, String> groups = list.getGroups().stream()
                .collect(Collectors.toMap(ServiceGroup::getCode, ServiceGroup::getName, (a, b) -> a));
        return list.getServices().stream().map(s -> service(s, groups)).toList();
    }

    private static Map<String, Object> service(ServiceSummary s, Map<String, String> groups) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("service_code", s.getCode());
        service.put("service_name", s.getName());
        service.put("description", s.getDescription());
        service.put("metadata", s.getHasQuestions());
        // Curbside files each request at once and answers with its number: realtime.
        service.put("type", "realtime");
        service.put("keywords", s.getKeywords() == null || s.getKeywords().isEmpty() ? null
                : String.join(", ", s.getKeywords()));
        service.put("group", groups.getOrDefault(s.getGroup(), s.getGroup()));
        return service;
    }

    /** The service definition: its code and its questions as attributes; a 404 for a code the catalog lacks. */
    Map<String, Object> definition(CatalogService.View view, String code) {
        ServiceDefinition d = catalog.find(view, code);
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", d.getCode());
        definition.put("attributes", d.getQuestions().stream().map(Open311Catalog::attribute).toList());
        return definition;
    }

    private static Map<String, Object> attribute(Question q) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        // Every question asks the reporter for something: none is only information.
        attribute.put("variable", true);
        attribute.put("code", q.getCode());
        attribute.put("datatype", q.getDatatype().getValue());
        attribute.put("required", q.getRequired());
        attribute.put("datatype_description", describe(q.getDatatype()));
        attribute.put("order", q.getOrder());
        attribute.put("description", q.getPrompt());
        attribute.put("values", q.getValues() == null ? List.of() : q.getValues().stream()
                .map(v -> {
                    Map<String, Object> value = new LinkedHashMap<>();
                    value.put("key", v.getKey());
                    value.put("name", v.getName());
                    return value;
                }).toList());
        return attribute;
    }

    /** How a client writes an answer of the type, where the type's name does not say it all. */
    private static String describe(QuestionDatatype type) {
        return switch (type) {
            case DATETIME -> "A date and time, ISO 8601 (2026-03-14T09:30)";
            case NUMBER -> "A number in decimals (12.5)";
            case MULTIVALUELIST -> "One or more keys, each as attribute[code][]";
            case SINGLEVALUELIST -> "One key of the values";
            default -> null;
        };
    }
}
