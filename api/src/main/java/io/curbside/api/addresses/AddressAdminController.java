package io.curbside.api.addresses;

import io.curbside.api.accounts.Actors;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.io.InputStream;
import java.util.List;

/**
 * PUT /v1/admin/addresses, as the contract declares it (operation {@code putAddresses}). Written by
 * hand rather than on the generated interface, whose binary body is a byte array: a city's
 * addresses are tens of megabytes, read here as they arrive, on a blocking thread.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class AddressAdminController {

    static final String CSV = "text/csv";
    static final String GEOJSON = "application/geo+json";

    private final AddressAdministration administration;
    private final Actors actors;

    AddressAdminController(AddressAdministration administration, Actors actors) {
        this.administration = administration;
        this.actors = actors;
    }

    @Put(uri = "/v1/admin/addresses", consumes = {CSV, GEOJSON, MediaType.APPLICATION_JSON},
            produces = MediaType.APPLICATION_JSON)
    @Secured({"admin"})
    HttpResponse<?> putAddresses(HttpRequest<?> request, @Body InputStream body) {
        boolean csv = request.getContentType().map(t -> t.getName().equals(CSV)).orElse(false);
        try {
            return HttpResponse.ok(administration.upload(actors.required(), body, request.getContentLength(),
                    csv ? AddressImporter.Format.CSV : AddressImporter.Format.GEOJSON));
        } catch (ProblemException e) {
            if (e.type() != ProblemType.PAYLOAD_TOO_LARGE) {
                throw e;
            }
            // The rest of the body was never read: the connection cannot carry another request.
            return Problems.write(HttpResponse.status(e.type().status()).header(HttpHeaders.CONNECTION, "close"),
                    Problems.of(e.type(), e.getMessage(), List.of(), request));
        }
    }
}
