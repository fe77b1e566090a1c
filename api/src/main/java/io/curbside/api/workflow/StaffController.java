package io.curbside.api.workflow;

import io.curbside.api.accounts.Actors;
import io.curbside.api.problem.ProblemException;
import io.curbside.contract.api.StaffApi;
import io.curbside.contract.model.DuplicateMark;
import io.curbside.contract.model.NewNote;
import io.curbside.contract.model.Reassignment;
import io.curbside.contract.model.ServiceRequestStatusCode;
import io.curbside.contract.model.StaffRequest;
import io.curbside.contract.model.StaffRequestList;
import io.curbside.contract.model.StatusChange;
import io.curbside.geo.Bbox;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.ZonedDateTime;
import java.util.List;

/** The staff routes: work lists, a request in full, and lifecycle changes. Roles come from the contract's x-roles. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class StaffController implements StaffApi {

    private final StaffWorkflow workflow;
    private final Actors actors;

    StaffController(StaffWorkflow workflow, Actors actors) {
        this.workflow = workflow;
        this.actors = actors;
    }

    @Override
    public HttpResponse<StaffRequestList> listStaffRequests(List<ServiceRequestStatusCode> status, String department,
                                                            String service, String district, ZonedDateTime receivedFrom,
                                                            ZonedDateTime receivedTo, Boolean overdue, String bbox,
                                                            String cursor, Integer limit) {
        checkStatuses(status);
        StaffRepository.Filter filter = new StaffRepository.Filter(workflow.scope(actors.required(), department),
                status == null || status.isEmpty() ? null : status.stream().map(ServiceRequestStatusCode::getValue).toList(),
                blankToNull(service), blankToNull(district), receivedFrom == null ? null : receivedFrom.toInstant(),
                receivedTo == null ? null : receivedTo.toInstant(), overdue, box(bbox));
        return HttpResponse.ok(workflow.list(filter, cursor, limit == null ? 50 : limit))
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    @Override
    public HttpResponse<StaffRequest> getStaffRequest(String trackingNumber) {
        return answer(workflow.get(actors.required(), trackingNumber));
    }

    @Override
    public HttpResponse<StaffRequest> changeRequestStatus(String trackingNumber, StatusChange change, String ifMatch) {
        return answer(workflow.changeStatus(actors.required(), trackingNumber, ifMatch, change.getStatus(),
                change.getNote(), change.getCloseReason(), change.getDuplicateOf(), change.getResponsibleParty()));
    }

    @Override
    public HttpResponse<StaffRequest> reassignRequest(String trackingNumber, Reassignment reassignment, String ifMatch) {
        return answer(workflow.reassign(actors.required(), trackingNumber, ifMatch, reassignment.getDepartment(),
                reassignment.getReason()));
    }

    @Override
    public HttpResponse<StaffRequest> markDuplicate(String trackingNumber, DuplicateMark mark, String ifMatch) {
        return answer(workflow.markDuplicate(actors.required(), trackingNumber, ifMatch, mark.getDuplicateOf(),
                mark.getNote()));
    }

    @Override
    public HttpResponse<StaffRequest> addRequestNote(String trackingNumber, NewNote note) {
        return answer(workflow.addNote(actors.required(), trackingNumber, note.getText(), Boolean.TRUE.equals(note.get_public())));
    }

    private static HttpResponse<StaffRequest> answer(StaffWorkflow.Changed changed) {
        // Contact details and exact places: never kept by a shared cache.
        return HttpResponse.ok(changed.request()).header(HttpHeaders.ETAG, changed.etag())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    /** Micronaut drops list values that are no status; a typo must not widen the list to every status. */
    private static void checkStatuses(List<ServiceRequestStatusCode> converted) {
        long sent = ServerRequestContext.currentRequest()
                .map(r -> r.getParameters().getAll("status")).orElse(List.of()).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(","))).filter(v -> !v.isBlank()).count();
        if (sent != (converted == null ? 0 : converted.size())) {
            throw ProblemException.invalidParameter("status", "holds a value that is not a status (received, "
                    + "acknowledged, in_progress, closed)");
        }
    }

    private static Bbox box(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Bbox.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("bbox", e.getMessage());
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
