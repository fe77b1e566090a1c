package io.curbside.api.catalog;

import io.curbside.api.support.EntityTags;
import io.curbside.contract.api.CatalogApi;
import io.curbside.contract.model.ServiceDefinition;
import io.curbside.contract.model.ServiceList;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;

/** GET /v1/services and /v1/services/{code}, as the contract declares them. */
@Controller
public class CatalogController implements CatalogApi {

    private final CatalogService catalog;

    public CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    // The contract lists problem+json for the errors; a success is plain JSON whatever Accept says.
    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<ServiceList> listServices(String lang, String acceptLanguage, String ifNoneMatch,
                                                  String group, String q) {
        CatalogService.View view = catalog.view(lang, acceptLanguage);
        return EntityTags.answer(ifNoneMatch, view.etag(), view.language(), () -> catalog.list(view, group, q));
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<ServiceDefinition> getService(String code, String lang, String acceptLanguage,
                                                      String ifNoneMatch) {
        CatalogService.View view = catalog.view(lang, acceptLanguage);
        // Found first: an unknown code is a 404 even to "If-None-Match: *".
        ServiceDefinition service = catalog.find(view, code);
        return EntityTags.answer(ifNoneMatch, view.etag(), view.language(), () -> service);
    }
}
