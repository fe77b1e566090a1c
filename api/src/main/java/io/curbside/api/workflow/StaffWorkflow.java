package io.curbside.api.workflow;

import io.curbside.api.accounts.Actor;
import io.curbside.api.accounts.Role;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.following.FollowerMail;
import io.curbside.api.opendata.Publisher;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.requests.RequestEvent;
import io.curbside.api.requests.StoredRequests;
import io.curbside.api.requests.TrackingNumber;
import io.curbside.api.support.KeysetPage;
import io.curbside.api.support.PageCursor;
import io.curbside.contract.model.CloseReason;
import io.curbside.contract.model.ServiceRequestStatusCode;
import io.curbside.contract.model.StaffRequest;
import io.curbside.contract.model.StaffRequestList;
import io.curbside.contract.model.StaffRequestSummary;
import io.curbside.contract.model.Violation;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What staff do to requests, by the rules: only their departments' requests, only allowed
 * moves, a reason for every close, and every change a new history entry made on the version
 * the caller last saw (If-Match), so no one's work is lost to a concurrent edit.
 */
@Singleton
public class StaffWorkflow {

    private final StaffRepository staff;
    private final StoredRequests history;
    private final StaffView view;
    private final CatalogService catalog;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final FollowerMail mail;
    private final Publisher publisher;

    StaffWorkflow(StaffRepository staff, StoredRequests history, StaffView view, CatalogService catalog,
                  TransactionOperations<Connection> transactions, Clock clock, FollowerMail mail,
                  Publisher publisher) {
        this.staff = staff;
        this.history = history;
        this.view = view;
        this.catalog = catalog;
        this.transactions = transactions;
        this.clock = clock;
        this.mail = mail;
        this.publisher = publisher;
    }

    /** A change's answer: the request as it is now. */
    public record Changed(StaffRequest request, String etag) {
    }

    public StaffRequestList list(StaffRepository.Filter asked, String cursor, int limit) {
        PageCursor after = PageCursor.parse(cursor);
        Instant now = clock.instant();
        KeysetPage<StaffRepository.Summary> rows = KeysetPage.read(limit, n -> transactions.executeRead(s ->
                staff.list(asked, after == null ? null : after.asLong(), n, now)), StaffRepository.Summary::id);
        var names = catalog.view("en", null).catalog();
        List<StaffRequestSummary> page = new ArrayList<>();
        for (StaffRepository.Summary row : rows.rows()) {
            page.add(view.summary(row, names, now));
        }
        StaffRequestList list = new StaffRequestList(page);
        list.setNextCursor(rows.nextCursor());
        return list;
    }

    /** The departments a work list may cover: those asked for, within the caller's. */
    public List<String> scope(Actor actor, String department) {
        if (department != null && !department.isBlank()) {
            if (!actor.actsFor(department.strip())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "You work for " + actor.departments()
                        + ", not for \"" + department.strip() + "\".");
            }
            return List.of(department.strip());
        }
        return actor.is(Role.ADMIN) ? null : List.copyOf(actor.departments());
    }

    public Changed get(Actor actor, String number) {
        return transactions.executeRead(s -> answer(allowed(actor, load(number, false))));
    }

    public Changed changeStatus(Actor actor, String number, String ifMatch, ServiceRequestStatusCode to, String note,
                                CloseReason reason, String duplicateOf, String responsibleParty) {
        checkClosing(to, reason, duplicateOf, responsibleParty);
        if (reason == CloseReason.DUPLICATE) {
            return markDuplicate(actor, number, ifMatch, duplicateOf, note);
        }
        return change(actor, number, ifMatch, d -> {
            ServiceRequestStatusCode from = d.summary().status();
            allowedMove(d, from, to);
            Instant now = clock.instant();
            Map<String, String> data = new LinkedHashMap<>();
            data.put("department", d.summary().department());
            if (to == ServiceRequestStatusCode.CLOSED) {
                data.put("close_reason", reason.getValue());
                if (responsibleParty != null) {
                    data.put("responsible_party", responsibleParty.strip());
                }
            }
            boolean closing = to == ServiceRequestStatusCode.CLOSED;
            staff.setStatus(d.summary().id(), to, closing ? now : null, closing ? reason.getValue() : null, null,
                    closing && responsibleParty != null ? responsibleParty.strip() : null);
            tell(d, new RequestEvent(Transitions.kind(from, to), to, true, note.strip(), data, now), actor);
        });
    }

    public Changed reassign(Actor actor, String number, String ifMatch, String department, String reason) {
        String target = department.strip();
        return change(actor, number, ifMatch, d -> {
            if (!catalog.view(null, null).catalog().hasDepartment(target)) {
                throw new ProblemException(ProblemType.INVALID_FIELDS, "There is no department \"" + target + "\".",
                        List.of(new Violation("department", "is not a department")));
            }
            if (target.equals(d.summary().department())) {
                throw new ProblemException(ProblemType.INVALID_TRANSITION, "Request " + number
                        + " is already with " + target + ".");
            }
            if (d.summary().status() == ServiceRequestStatusCode.CLOSED) {
                throw new ProblemException(ProblemType.INVALID_TRANSITION, "Request " + number
                        + " is closed: reopen it before sending it elsewhere.");
            }
            staff.setDepartment(d.summary().id(), target);
            // Public: the timeline says where it went. The reason stays in the data, which only staff see.
            tell(d, new RequestEvent("routed", d.summary().status(), true, null,
                    Map.of("department", target, "from", d.summary().department(), "reason", reason.strip()),
                    clock.instant()), actor);
        });
    }

    public Changed markDuplicate(Actor actor, String number, String ifMatch, String originalNumber, String note) {
        String original = TrackingNumber.parameter(originalNumber).value();
        return change(actor, number, ifMatch, List.of(original), d -> {
            if (original.equals(d.summary().trackingNumber())) {
                throw new ProblemException(ProblemType.INVALID_FIELDS, "A request cannot duplicate itself.",
                        List.of(new Violation("duplicate_of", "is this request")));
            }
            StaffRepository.Detail target = staff.detail(original, true).orElseThrow(() -> new ProblemException(
                    ProblemType.INVALID_FIELDS, "There is no request " + original + ".",
                    List.of(new Violation("duplicate_of", "is not a request"))));
            if (target.duplicateOf() != null) {
                throw new ProblemException(ProblemType.INVALID_FIELDS, original + " is itself a duplicate of "
                        + target.duplicateOf() + ": point to that one.",
                        List.of(new Violation("duplicate_of", "is itself a duplicate")));
            }
            if (staff.hasDuplicates(d.summary().id())) {
                throw new ProblemException(ProblemType.INVALID_FIELDS, "Other requests are closed as duplicates of "
                        + d.summary().trackingNumber() + ": mark " + original + " as its duplicate instead, so every "
                        + "copy points to one original.", List.of(new Violation("duplicate_of", "would make a chain")));
            }
            allowedMove(d, d.summary().status(), ServiceRequestStatusCode.CLOSED);
            Instant now = clock.instant();
            long id = d.summary().id();
            staff.setStatus(id, ServiceRequestStatusCode.CLOSED, now, CloseReason.DUPLICATE.getValue(),
                    target.summary().id(), null);
            staff.mergeMeToos(id, target.summary().id(), d.channel());
            staff.copyFollowers(id, target.summary().id());
            String said = note == null || note.isBlank() ? "This is the same problem as " + original
                    + ", which the city is already handling: follow that request instead." : note.strip();
            tell(d, new RequestEvent("closed", ServiceRequestStatusCode.CLOSED, true, said,
                    Map.of("close_reason", "duplicate", "duplicate_of", original), now), actor);
            history.record(target.summary().id(), new RequestEvent("note", target.summary().status(), false,
                    d.summary().trackingNumber() + " was closed as a duplicate of this request.",
                    Map.of("duplicate", d.summary().trackingNumber()), now), actor.accountId());
        });
    }

    public Changed addNote(Actor actor, String number, String text, boolean isPublic) {
        return change(actor, number, "*", d -> {
            RequestEvent event = new RequestEvent("note", d.summary().status(), isPublic,
                    text.strip(), Map.of(), clock.instant());
            if (isPublic) {
                tell(d, event, actor);
            } else {
                history.record(d.summary().id(), event, actor.accountId());
            }
        });
    }

    /** Records a public event and queues its e-mail to the request's followers, in the change's transaction. */
    private void tell(StaffRepository.Detail d, RequestEvent event, Actor actor) {
        history.record(d.summary().id(), event, actor.accountId());
        mail.tell(d.summary().id(), d.language(), event.kind(), event.data(), event.note(), actor.accountId());
    }

    /** Locks the request, checks who and which version, applies the change, and answers the new state. */
    private Changed change(Actor actor, String number, String ifMatch, Consumer<StaffRepository.Detail> apply) {
        return change(actor, number, ifMatch, List.of(), apply);
    }

    /** As above, first locking the other requests the change touches, all in id order. */
    private Changed change(Actor actor, String number, String ifMatch, List<String> alsoTouched,
                           Consumer<StaffRepository.Detail> apply) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, "Send If-Match with the ETag of the version "
                    + "you are changing (from GET /v1/staff/requests/" + number + ").");
        }
        return transactions.executeWrite(s -> {
            if (!alsoTouched.isEmpty()) {
                List<String> all = new ArrayList<>(alsoTouched);
                all.add(TrackingNumber.parameter(number).value());
                staff.lockInOrder(all);
            }
            StaffRepository.Detail d = allowed(actor, load(number, true));
            String current = StaffView.etag(d.summary().version());
            if (!matches(ifMatch, current)) {
                throw new ProblemException(ProblemType.PRECONDITION_FAILED, "Request " + d.summary().trackingNumber()
                        + " changed since you read it (now " + current + "). Read it again, then decide.");
            }
            apply.accept(d);
            publisher.publishDue();
            return answer(load(number, false));
        });
    }

    private Changed answer(StaffRepository.Detail d) {
        return new Changed(view.full(d, staff.history(d.summary().id()), clock.instant()),
                StaffView.etag(d.summary().version()));
    }

    private StaffRepository.Detail load(String number, boolean lock) {
        String value = TrackingNumber.parameter(number).value();
        return staff.detail(value, lock).orElseThrow(() -> ProblemException.notFound("There is no request " + value + "."));
    }

    private static StaffRepository.Detail allowed(Actor actor, StaffRepository.Detail d) {
        if (!actor.actsFor(d.summary().department())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Request " + d.summary().trackingNumber()
                    + " is with " + d.summary().department() + ", which you do not work for.");
        }
        return d;
    }

    private static void allowedMove(StaffRepository.Detail d, ServiceRequestStatusCode from, ServiceRequestStatusCode to) {
        if (!Transitions.allowed(from, to)) {
            throw new ProblemException(ProblemType.INVALID_TRANSITION, "Request " + d.summary().trackingNumber()
                    + " is " + from.getValue() + "; from there it can go to " + Transitions.from(from).stream()
                    .map(ServiceRequestStatusCode::getValue).toList() + ", not " + to.getValue() + ".");
        }
    }

    private static void checkClosing(ServiceRequestStatusCode to, CloseReason reason, String duplicateOf,
                                     String responsibleParty) {
        List<Violation> violations = new ArrayList<>();
        boolean closing = to == ServiceRequestStatusCode.CLOSED;
        if (closing && reason == null) {
            violations.add(new Violation("close_reason", "is required to close: say why"));
        }
        if (!closing && reason != null) {
            violations.add(new Violation("close_reason", "is only for closing"));
        }
        if ((reason == CloseReason.DUPLICATE) != (duplicateOf != null && !duplicateOf.isBlank())) {
            violations.add(new Violation("duplicate_of", reason == CloseReason.DUPLICATE
                    ? "is required for a duplicate" : "is only for close_reason duplicate"));
        }
        boolean needsParty = reason == CloseReason.NOT_CITY_RESPONSIBILITY || reason == CloseReason.REFERRED;
        if (needsParty != (responsibleParty != null && !responsibleParty.isBlank())) {
            violations.add(new Violation("responsible_party", needsParty
                    ? "is required: say who is responsible" : "is only for not_city_responsibility or referred"));
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_FIELDS, "The change is not complete: "
                    + violations.stream().map(v -> v.getField() + " " + v.getMessage()).toList() + ".", violations);
        }
    }

    /** RFC 9110 If-Match: "*", or a list of strong tags one of which is current (weak tags never match). */
    static boolean matches(String ifMatch, String current) {
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
