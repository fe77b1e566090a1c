package io.curbside.api.liaisons;

import io.curbside.api.idempotency.Idempotency;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.curbside.api.reports.Filer;
import io.curbside.api.reports.IntakeService;
import io.curbside.contract.model.Channel;
import io.curbside.contract.model.Contact;
import io.curbside.contract.model.Neighbour;
import io.curbside.contract.model.NeighbourReport;
import io.curbside.contract.model.NewServiceRequest;
import io.curbside.contract.model.Violation;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Files a liaison's report for a neighbour through the usual intake: the neighbour's details
 * become the request's contact, the channel is always {@code liaison}, and every problem names
 * the fields as the liaison sent them ({@code neighbour.email}, not {@code contact.email}).
 */
@Singleton
class NeighbourFiling {

    static final String SCOPE = "POST /v1/liaison/requests";

    private final IntakeService intake;

    NeighbourFiling(IntakeService intake) {
        this.intake = intake;
    }

    Idempotency.Outcome file(UUID liaison, NeighbourReport report, String idempotencyKey, String acceptLanguage) {
        return file(SCOPE, liaison, report, idempotencyKey, acceptLanguage);
    }

    /** Files it with the key in the given scope (a batch files each item under a key of its own). */
    Idempotency.Outcome file(String scope, UUID liaison, NeighbourReport report, String idempotencyKey,
                             String acceptLanguage) {
        Neighbour neighbour = report.getNeighbour();
        if (neighbour == null || neighbour.getConsentToContact() == null) {
            // The contract requires both; a caller that skipped its checks still gets a named field.
            List<Violation> v = List.of(new Violation(neighbour == null ? "neighbour" : "neighbour.consent_to_contact",
                    "is required"));
            throw new ProblemException(ProblemType.INVALID_FIELDS, Problems.correct(v), v);
        }
        NewServiceRequest request = new NewServiceRequest(report.getServiceCode());
        request.setLocation(report.getLocation());
        request.setDescription(report.getDescription());
        request.setAnswers(report.getAnswers());
        request.setLanguage(report.getLanguage());
        request.setChannel(Channel.LIAISON);
        Contact contact = new Contact();
        contact.setName(neighbour.getName());
        contact.setEmail(neighbour.getEmail());
        contact.setPhone(neighbour.getPhone());
        request.setContact(contact);
        try {
            return intake.file(scope, request, List.of(), Filer.liaison(liaison, neighbour.getConsentToContact()),
                    idempotencyKey, acceptLanguage);
        } catch (ProblemException e) {
            throw asSent(e);
        }
    }

    /** The problem with its fields named as in a {@code NeighbourReport}. */
    private static ProblemException asSent(ProblemException e) {
        if (e.violations().stream().noneMatch(v -> isContact(v.getField()))) {
            return e;
        }
        List<Violation> renamed = e.violations().stream()
                .map(v -> isContact(v.getField())
                        ? new Violation("neighbour" + v.getField().substring("contact".length()), v.getMessage()) : v)
                .sorted(Comparator.comparing(Violation::getField))
                .toList();
        String detail = e.type() == ProblemType.INVALID_FIELDS ? Problems.correct(renamed) : e.getMessage();
        ProblemException named = new ProblemException(e.type(), detail, renamed);
        named.suggest(e.suggestedLocation());
        return named;
    }

    private static boolean isContact(String field) {
        return field.equals("contact") || field.startsWith("contact.");
    }
}
