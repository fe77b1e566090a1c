package io.curbside.api.requests;

import io.curbside.api.problem.ProblemException;
import io.curbside.contract.model.ServiceRequestStatusCode;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The request itself, as every feature shares it: finding a stored request, whose it is, and its
 * history. The methods without a transaction of their own join the caller's.
 */
@Singleton
public class StoredRequests {

    private final StoredRequestRepository repository;
    private final TransactionOperations<Connection> transactions;

    StoredRequests(StoredRequestRepository repository, TransactionOperations<Connection> transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    /** The request with this tracking number, private fields included; inside the caller's transaction. */
    public Optional<StoredRequest> find(TrackingNumber number) {
        return repository.find(number);
    }

    /** Its history, oldest first: every event, or only those the public sees. */
    public List<RequestEvent> events(long requestId, boolean publicOnly) {
        return repository.events(requestId, publicOnly);
    }

    /** Appends an event made by a person (staff, admin), or by the reporter or the system when the actor is null. */
    public void record(long requestId, RequestEvent event, UUID actor) {
        repository.record(requestId, event, actor);
    }

    /** The first two events of every request; call inside the transaction that files it. */
    public void recordFiled(long requestId, String department, String district, Instant at) {
        repository.record(requestId, new RequestEvent("received", ServiceRequestStatusCode.RECEIVED, true,
                null, Map.of(), at), null);
        repository.record(requestId, new RequestEvent("routed", ServiceRequestStatusCode.RECEIVED, true,
                null, district == null ? Map.of("department", department)
                        : Map.of("department", department, "district", district), at), null);
    }

    /** Whose request it is to the caller: the request's id, and whether the caller is its reporter. */
    public record Owner(long requestId, boolean reporter) {
    }

    /**
     * The request behind a tracking number (404 when none), and whether the caller is its reporter:
     * by receipt token, or as the account that reported or filed it.
     */
    public Owner owner(String typedNumber, String receiptToken, UUID caller) {
        TrackingNumber number = TrackingNumber.parameter(typedNumber);
        StoredRequest request = transactions.executeRead(s -> repository.find(number))
                .orElseThrow(() -> ProblemException.notFound("There is no request " + number + "."));
        return new Owner(request.id(), ReceiptToken.matches(receiptToken, request.receiptTokenHash())
                || request.belongsTo(caller));
    }

    /**
     * What an event of the timeline says happened, in the language; the department in its data is
     * named by {@code departmentName}, which the caller answers from the catalog it read.
     */
    public static String title(String kind, Map<String, String> data, String language,
                               UnaryOperator<String> departmentName) {
        String department = data.get("department");
        Map<String, String> values = department == null ? Map.of()
                : Map.of("department", departmentName.apply(department));
        return TimelineWording.title(kind, language, values);
    }
}
