package io.curbside.api.reports;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.opendata.Publisher;
import io.curbside.api.requests.ReceiptToken;
import io.curbside.api.requests.TrackingNumber;
import io.curbside.api.support.KeysetPage;
import io.curbside.api.support.PageCursor;
import io.curbside.api.support.PublicUrls;
import io.curbside.contract.model.ClaimRefusal;
import io.curbside.contract.model.ClaimRefusalReason;
import io.curbside.contract.model.ClaimResults;
import io.curbside.contract.model.MyRequest;
import io.curbside.contract.model.MyRequestRelation;
import io.curbside.contract.model.MyRequests;
import io.curbside.contract.model.ReceiptClaim;
import io.curbside.contract.model.ServiceRef;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A person's own requests: claiming anonymous ones with their receipt tokens, and listing them. */
@Singleton
public class OwnRequests {

    private final OwnRequestRepository repository;
    private final CatalogService catalog;
    private final PublicUrls urls;
    private final TransactionOperations<Connection> transactions;
    private final Publisher publisher;

    OwnRequests(OwnRequestRepository repository, CatalogService catalog, PublicUrls urls,
                TransactionOperations<Connection> transactions, Publisher publisher) {
        this.publisher = publisher;
        this.repository = repository;
        this.catalog = catalog;
        this.urls = urls;
        this.transactions = transactions;
    }

    /** Claims each request whose receipt token is right; each answered on its own, all in one transaction. */
    public ClaimResults claim(UUID account, List<ReceiptClaim> receipts) {
        return transactions.executeWrite(s -> {
            // Locked in one order (by tracking number), so two claims over the same requests cannot
            // deadlock; answered in the order they were sent.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < receipts.size(); i++) {
                order.add(i);
            }
            order.sort(java.util.Comparator.comparing(i -> TrackingNumber.tryParse(receipts.get(i).getTrackingNumber())
                    .map(TrackingNumber::value).orElse("")));
            String[] claimedAt = new String[receipts.size()];
            ClaimRefusal[] refusedAt = new ClaimRefusal[receipts.size()];
            for (int i : order) {
                ReceiptClaim receipt = receipts.get(i);
                Optional<TrackingNumber> number = TrackingNumber.tryParse(receipt.getTrackingNumber());
                Optional<OwnRequestRepository.Claimable> found = number.flatMap(repository::claimable);
                String shown = number.map(TrackingNumber::value).orElse(receipt.getTrackingNumber());
                if (found.isEmpty()) {
                    refusedAt[i] = new ClaimRefusal(shown, ClaimRefusalReason.NOT_FOUND);
                } else if (!ReceiptToken.matches(receipt.getReceiptToken(), found.get().receiptTokenHash())) {
                    refusedAt[i] = new ClaimRefusal(shown, ClaimRefusalReason.WRONG_TOKEN);
                } else if (found.get().owner() != null && !found.get().owner().equals(account)) {
                    refusedAt[i] = new ClaimRefusal(shown, ClaimRefusalReason.CLAIMED_BY_ANOTHER_ACCOUNT);
                } else {
                    repository.setOwner(found.get().id(), account);
                    claimedAt[i] = shown;
                }
            }
            List<String> claimed = new ArrayList<>();
            List<ClaimRefusal> refused = new ArrayList<>();
            for (int i = 0; i < receipts.size(); i++) {
                if (claimedAt[i] != null) {
                    claimed.add(claimedAt[i]);
                } else {
                    refused.add(refusedAt[i]);
                }
            }
            publisher.publishDue();
            return new ClaimResults(claimed, refused);
        });
    }

    /** The account's requests, newest first: reported, or filed for a neighbour. */
    public MyRequests list(UUID account, String cursor, int limit) {
        PageCursor after = PageCursor.parse(cursor);
        KeysetPage<OwnRequestRepository.Listed> rows = KeysetPage.read(limit, n -> transactions.executeRead(s ->
                repository.ownedBy(account, after == null ? null : after.asLong(), n)), OwnRequestRepository.Listed::id);
        Catalog names = catalog.view("en", null).catalog();
        List<MyRequest> page = new ArrayList<>();
        for (OwnRequestRepository.Listed row : rows.rows()) {
            String language = row.language();
            String name = names.service(row.serviceCode()).map(s -> s.name().in(language)).orElse(row.serviceCode());
            MyRequest request = new MyRequest(row.trackingNumber(), urls.request(row.trackingNumber()),
                    new ServiceRef(row.serviceCode(), name), row.status(), row.receivedAt().atZone(ZoneOffset.UTC),
                    row.expectedAt().atZone(ZoneOffset.UTC),
                    row.reporter() ? MyRequestRelation.REPORTER : MyRequestRelation.FILED_FOR_NEIGHBOUR);
            if (row.closedAt() != null) {
                request.setClosedAt(row.closedAt().atZone(ZoneOffset.UTC));
            }
            page.add(request);
        }
        MyRequests answer = new MyRequests(page);
        answer.setNextCursor(rows.nextCursor());
        return answer;
    }
}
