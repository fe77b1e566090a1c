package io.curbside.api.liaisons;

import io.curbside.api.accounts.Actor;
import io.curbside.api.accounts.Actors;
import io.curbside.api.accounts.Role;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.contract.api.LiaisonsApi;
import io.curbside.contract.model.NeighbourBatch;
import io.curbside.contract.model.NeighbourBatchResults;
import io.curbside.contract.model.NeighbourReport;
import io.curbside.contract.model.NeighbourRequests;
import io.curbside.contract.model.ServiceRequestCreated;
import io.curbside.contract.model.ServiceRequestStatusCode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.UUID;

/**
 * The routes of neighbourhood liaisons, as the contract declares them. They file reports and
 * read the database, so they run off the event loop.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class LiaisonController implements LiaisonsApi {

    private final NeighbourFiling filing;
    private final NeighbourBatches batches;
    private final FiledForNeighbours filed;
    private final Actors actors;

    LiaisonController(NeighbourFiling filing, NeighbourBatches batches, FiledForNeighbours filed, Actors actors) {
        this.filing = filing;
        this.batches = batches;
        this.filed = filed;
        this.actors = actors;
    }

    /**
     * The calling liaison's account. {@link Actors} reads the role from the database on every
     * call, so a role taken away stops these routes (neighbours' contact details, filing in their
     * name) at once, not when the token runs out.
     */
    private UUID liaison() {
        Actor actor = actors.required();
        if (!actor.is(Role.LIAISON)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Your account is no longer a liaison's.");
        }
        return actor.accountId();
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<ServiceRequestCreated> fileForNeighbour(NeighbourReport report, String idempotencyKey,
                                                                String acceptLanguage) {
        return filing.file(liaison(), report, idempotencyKey, acceptLanguage).response();
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<NeighbourBatchResults> fileBatchForNeighbours(String idempotencyKey, NeighbourBatch batch,
                                                                      String acceptLanguage) {
        return batches.file(liaison(), batch.getRequests(), idempotencyKey, acceptLanguage).response();
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<NeighbourRequests> listNeighbourRequests(ServiceRequestStatusCode status, String cursor,
                                                                Integer limit) {
        return HttpResponse.ok(filed.list(liaison(), status, cursor, limit == null ? 50 : limit));
    }
}
