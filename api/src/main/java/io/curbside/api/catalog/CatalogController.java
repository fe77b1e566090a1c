package io.curbside.api.catalog;

import io.curbside.api.support.EntityTags;
import io.curbside.contract.api.CatalogApi;
import io.curbside.contract.model.ServiceDefinition;
import io.curbside.contract.model.ServiceList;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;

import java.util.function.Supplier;

/** GET /v1/services and /v1/services/{code}, as the contract declares them. */
@Controller
public class CatalogController implements CatalogApi {

    private final CatalogService catalog;

    public CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public HttpResponse<ServiceList> listServices(String lang, String acceptLanguage, String ifNoneMatch,
                                                  String group, String q) {
        CatalogService.View view = catalog.view(lang, acceptLanguage);
        return answer(view, ifNoneMatch, () -> catalog.list(view, group, q));
    }

    @Override
    public HttpResponse<ServiceDefinition> getService(String code, String lang, String acceptLanguage,
                                                      String ifNoneMatch) {
        CatalogService.View view = catalog.view(lang, acceptLanguage);
        // Found first: an unknown code is a 404 even to "If-None-Match: *".
        ServiceDefinition service = catalog.find(view, code);
        return answer(view, ifNoneMatch, () -> service);
    }

    private static <T> HttpResponse<T> answer(CatalogService.View view, String ifNoneMatch, Supplier<T> body) {
        MutableHttpResponse<T> response = EntityTags.matches(ifNoneMatch, view.etag())
                ? EntityTags.notModified(view.etag())
                : HttpResponse.ok(body.get()).header(HttpHeaders.ETAG, view.etag());
        return response.header(HttpHeaders.CONTENT_LANGUAGE, view.language())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
}
