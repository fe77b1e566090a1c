package io.curbside.api.jurisdiction;

import io.curbside.api.accounts.Actors;
import io.curbside.contract.api.JurisdictionAdminApi;
import io.curbside.contract.model.JurisdictionHistory;
import io.curbside.contract.model.JurisdictionUpload;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The admin routes on the city; only the admin role gets in (the contract's x-roles). The upload's
 * size is bounded before it is read, by its Content-Length ({@link io.curbside.api.support.JsonBodyLimit}).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class JurisdictionAdminController implements JurisdictionAdminApi {

    private final JurisdictionAdministration administration;
    private final Actors actors;

    JurisdictionAdminController(JurisdictionAdministration administration, Actors actors) {
        this.administration = administration;
        this.actors = actors;
    }

    @Override
    public HttpResponse<JurisdictionUpload> putJurisdiction(byte[] geojson) {
        return HttpResponse.ok(administration.upload(actors.required(), geojson));
    }

    @Override
    public HttpResponse<JurisdictionHistory> getJurisdictionHistory(String cursor, Integer limit) {
        return HttpResponse.ok(administration.history(cursor, limit == null ? 50 : limit));
    }
}
