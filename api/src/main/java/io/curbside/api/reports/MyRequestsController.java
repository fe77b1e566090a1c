package io.curbside.api.reports;

import io.curbside.api.accounts.Actors;
import io.curbside.contract.api.MyRequestsApi;
import io.curbside.contract.model.ClaimResults;
import io.curbside.contract.model.MyRequests;
import io.curbside.contract.model.ReceiptClaims;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** A signed-in person's own requests, and claiming anonymous reports by their receipts. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class MyRequestsController implements MyRequestsApi {

    private final Actors actors;
    private final OwnRequests own;

    MyRequestsController(Actors actors, OwnRequests own) {
        this.actors = actors;
        this.own = own;
    }

    @Override
    public HttpResponse<ClaimResults> claimRequests(ReceiptClaims claims) {
        return HttpResponse.ok(own.claim(actors.required().accountId(), claims.getReceipts()));
    }

    @Override
    public HttpResponse<MyRequests> listMyRequests(String cursor, Integer limit) {
        return HttpResponse.ok(own.list(actors.required().accountId(), cursor, limit == null ? 50 : limit));
    }
}
