package io.curbside.api.liaisons;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.support.KeysetPage;
import io.curbside.api.support.PageCursor;
import io.curbside.api.support.PublicUrls;
import io.curbside.contract.model.Neighbour;
import io.curbside.contract.model.NeighbourRequest;
import io.curbside.contract.model.NeighbourRequests;
import io.curbside.contract.model.ServiceRef;
import io.curbside.contract.model.ServiceRequestStatusCode;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A liaison's list of the requests they filed for neighbours, with each neighbour's details. */
@Singleton
class FiledForNeighbours {

    private final NeighbourRequestRepository repository;
    private final CatalogService catalog;
    private final PublicUrls urls;
    private final TransactionOperations<Connection> transactions;

    FiledForNeighbours(NeighbourRequestRepository repository, CatalogService catalog, PublicUrls urls,
                       TransactionOperations<Connection> transactions) {
        this.repository = repository;
        this.catalog = catalog;
        this.urls = urls;
        this.transactions = transactions;
    }

    /** One page, newest first; only ever the requests this liaison filed. */
    NeighbourRequests list(UUID liaison, ServiceRequestStatusCode status, String cursor, int limit) {
        PageCursor after = PageCursor.parse(cursor);
        KeysetPage<NeighbourRequestRepository.Listed> rows = KeysetPage.read(limit, n -> transactions.executeRead(s ->
                repository.filedBy(liaison, status, after == null ? null : after.asLong(), n)),
                NeighbourRequestRepository.Listed::id);
        Catalog names = catalog.view("en", null).catalog();
        List<NeighbourRequest> page = new ArrayList<>();
        for (NeighbourRequestRepository.Listed row : rows.rows()) {
            String language = row.language();
            String name = names.service(row.serviceCode()).map(s -> s.name().in(language)).orElse(row.serviceCode());
            Neighbour neighbour = new Neighbour(row.consent());
            neighbour.setName(row.name());
            neighbour.setEmail(row.email());
            neighbour.setPhone(row.phone());
            NeighbourRequest request = new NeighbourRequest(row.trackingNumber(),
                    urls.request(row.trackingNumber()), new ServiceRef(row.serviceCode(), name), row.status(),
                    row.receivedAt().atZone(ZoneOffset.UTC), row.expectedAt().atZone(ZoneOffset.UTC), neighbour);
            if (row.closedAt() != null) {
                request.setClosedAt(row.closedAt().atZone(ZoneOffset.UTC));
            }
            page.add(request);
        }
        NeighbourRequests answer = new NeighbourRequests(page);
        answer.setNextCursor(rows.nextCursor());
        return answer;
    }
}
