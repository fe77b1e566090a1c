package io.curbside.api.catalog;

import io.curbside.contract.api.CatalogApi;
import io.curbside.contract.model.ServiceDefinition;
import io.curbside.contract.model.ServiceList;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;

/** GET /v1/services and /v1/services/{code}, as the contract declares them. */
@Controller
public class CatalogController implements CatalogApi {

    private final CatalogService catalog;

    public CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public HttpResponse<ServiceList> listServices(String lang, String acceptLanguage, String group, String q) {
        ServiceList list = catalog.list(lang, acceptLanguage, group, q);
        return HttpResponse.ok(list)
                .header(HttpHeaders.CONTENT_LANGUAGE, list.getLanguage())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }

    @Override
    public HttpResponse<ServiceDefinition> getService(String code, String lang, String acceptLanguage) {
        ServiceDefinition service = catalog.find(code, lang, acceptLanguage);
        return HttpResponse.ok(service)
                .header(HttpHeaders.CONTENT_LANGUAGE, service.getLanguage())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
}
