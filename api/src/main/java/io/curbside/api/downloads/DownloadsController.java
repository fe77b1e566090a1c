package io.curbside.api.downloads;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import reactor.core.publisher.Flux;

/**
 * The bulk downloads of the published requests. Hand-written rather than generated: the body is a stream of
 * bytes written as the rows are read, which the generated interfaces cannot express. The routes are in
 * openapi/curbside.yaml all the same.
 */
@Controller("/v1/opendata")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class DownloadsController {

    private final Downloads downloads;

    DownloadsController(Downloads downloads) {
        this.downloads = downloads;
    }

    // Each route names its own type, so an Accept that asks only for it is served (without, Micronaut answered 406
    // to Accept: text/csv); the problem answers of a bad request are problem+json whatever was asked.
    @Get("/requests.csv")
    @Produces("text/csv")
    HttpResponse<Flux<byte[]>> csv(HttpRequest<?> request) {
        return downloads.answer(request, DownloadFormat.CSV);
    }

    @Get("/requests.geojson")
    @Produces("application/geo+json")
    HttpResponse<Flux<byte[]>> geojson(HttpRequest<?> request) {
        return downloads.answer(request, DownloadFormat.GEOJSON);
    }

    @Get("/requests.ndjson")
    @Produces("application/x-ndjson")
    HttpResponse<Flux<byte[]>> ndjson(HttpRequest<?> request) {
        return downloads.answer(request, DownloadFormat.NDJSON);
    }
}
