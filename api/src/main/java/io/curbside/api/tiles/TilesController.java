package io.curbside.api.tiles;

import io.curbside.api.problem.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The vector tiles of the published requests and their TileJSON. Hand-written: the contract describes the
 * binary tile, but generated interfaces would only get in its way. Caching (ETag of the bytes, 304, gzip,
 * Cache-Control) is {@code support.OpenDataCaching}'s, as for every open route; an empty tile is a 204, which a
 * map reads as a tile with nothing in it.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class TilesController {

    static final String MVT = "application/vnd.mapbox-vector-tile";

    private final Tiles tiles;
    private final TileFilters filters;
    private final TileJson tileJson;
    private final JsonMapper json;

    TilesController(Tiles tiles, TileFilters filters, TileJson tileJson, JsonMapper json) {
        this.tiles = tiles;
        this.filters = filters;
        this.tileJson = tileJson;
        this.json = json;
    }

    @Get(TileJson.PATH + ".json")
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> tileJson(HttpRequest<?> request) {
        Map<String, Object> document = tileJson.document(filters.read(request.getParameters().asMap()));
        try {
            return HttpResponse.ok(json.writeValueAsBytes(document)).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {y}.mvt} is one segment: read here, so that any other ending is a 404 like any unknown path. */
    @Get(TileJson.PATH + "/{z}/{x}/{tile}")
    @Produces({MVT, "application/x-protobuf", MediaType.APPLICATION_OCTET_STREAM})
    HttpResponse<byte[]> tile(HttpRequest<?> request, @PathVariable String z, @PathVariable String x,
                              @PathVariable String tile) {
        if (!tile.endsWith(".mvt")) {
            throw ProblemException.notFound("Tiles end in .mvt: " + TileJson.PATH + "/{z}/{x}/{y}.mvt.");
        }
        TileAddress address = TileAddress.parse(z, x, tile.substring(0, tile.length() - ".mvt".length()));
        byte[] bytes = tiles.tile(address, filters.read(request.getParameters().asMap()));
        if (bytes.length == 0) {
            return HttpResponse.<byte[]>noContent().header(HttpHeaders.CACHE_CONTROL, tiles.cacheControl());
        }
        return HttpResponse.ok(bytes).contentType(MVT);
    }
}
