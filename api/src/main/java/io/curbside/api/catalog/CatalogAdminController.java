package io.curbside.api.catalog;

import io.curbside.api.accounts.Actors;
import io.curbside.contract.api.CatalogAdminApi;
import io.curbside.contract.model.AdminCatalog;
import io.curbside.contract.model.AdminService;
import io.curbside.contract.model.CatalogDepartment;
import io.curbside.contract.model.CatalogDepartmentEntry;
import io.curbside.contract.model.CatalogGroup;
import io.curbside.contract.model.CatalogGroupEntry;
import io.curbside.contract.model.ServiceHistory;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The admin routes on the catalog; only the admin role gets in (the contract's x-roles). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class CatalogAdminController implements CatalogAdminApi {

    private final CatalogAdministration administration;
    private final Actors actors;

    CatalogAdminController(CatalogAdministration administration, Actors actors) {
        this.administration = administration;
        this.actors = actors;
    }

    @Override
    public HttpResponse<AdminCatalog> getAdminCatalog() {
        return HttpResponse.ok(administration.catalog());
    }

    @Override
    public HttpResponse<AdminService> getAdminService(String code) {
        return answer(administration.service(code));
    }

    @Override
    public HttpResponse<AdminService> putAdminService(String code, JsonNode entry, String ifMatch, String ifNoneMatch) {
        return answer(administration.put(actors.required(), code, entry, ifMatch, ifNoneMatch));
    }

    @Override
    public HttpResponse<AdminService> retireService(String code) {
        return answer(administration.setActive(actors.required(), code, false));
    }

    @Override
    public HttpResponse<AdminService> restoreService(String code) {
        return answer(administration.setActive(actors.required(), code, true));
    }

    @Override
    public HttpResponse<ServiceHistory> getServiceHistory(String code, String cursor, Integer limit) {
        return HttpResponse.ok(administration.history(code, cursor, limit == null ? 50 : limit));
    }

    @Override
    public HttpResponse<CatalogDepartment> putDepartment(String code, CatalogDepartmentEntry entry) {
        return answer(administration.putDepartment(actors.required(), code, entry.getName()));
    }

    @Override
    public HttpResponse<CatalogGroup> putServiceGroup(String code, CatalogGroupEntry entry) {
        return answer(administration.putGroup(actors.required(), code, entry.getName(), entry.getOrder()));
    }

    private static <T> MutableHttpResponse<T> answer(CatalogAdministration.Saved<T> saved) {
        MutableHttpResponse<T> response = HttpResponse.<T>status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(saved.body());
        return saved.etag() == null ? response : response.header(HttpHeaders.ETAG, saved.etag());
    }
}
