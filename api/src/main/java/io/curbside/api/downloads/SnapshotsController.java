package io.curbside.api.downloads;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.support.EntityTags;
import io.curbside.api.support.OpenDataSettings;
import io.curbside.api.support.PublicUrls;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The daily snapshots: their list, and each file. Hand-written like the downloads: a file answer is not what the
 * generated interfaces return. A name is checked against the only shape a snapshot has before anything else, so
 * no path (a traversal, a dot file) reaches the file system.
 */
@Controller("/v1/opendata/snapshots")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class SnapshotsController {

    private static final Pattern NAME = Pattern.compile("curbside-requests-\\d{4}-\\d{2}-\\d{2}\\.(csv|geojson|ndjson)\\.gz");
    private static final MediaType GZIP = MediaType.of("application/gzip");

    private final Snapshots snapshots;
    private final PublicUrls urls;
    private final JsonMapper json;
    private final String cacheControl;

    SnapshotsController(Snapshots snapshots, PublicUrls urls, JsonMapper json, OpenDataSettings caching) {
        this.snapshots = snapshots;
        this.urls = urls;
        this.json = json;
        this.cacheControl = "public, max-age=" + caching.maxAge().toSeconds();
    }

    /** As bytes, so that the open-data caching filter tags and gzips it like every other open-data answer. */
    @Get
    HttpResponse<byte[]> list(HttpRequest<?> request) throws IOException {
        for (String name : request.getParameters().names()) {
            if (!name.equals("api_key")) {
                throw ProblemException.invalidParameter(name, "is not a parameter of the snapshot list; it takes none");
            }
        }
        List<Map<String, Object>> listed = snapshots.list().stream().map(this::entry).toList();
        return HttpResponse.ok(json.writeValueAsBytes(Map.of("snapshots", listed))).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get("/{name}")
    HttpResponse<SystemFile> file(HttpRequest<?> request, @PathVariable String name) {
        Snapshots.Listed listed = (NAME.matcher(name).matches() ? snapshots.find(name) : Optional.<Snapshots.Listed>empty())
                .orElseThrow(() -> ProblemException.notFound("There is no snapshot by that name: "
                        + "GET /v1/opendata/snapshots lists them."));
        String etag = '"' + listed.snapshot().sha256() + '"';
        if (EntityTags.matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), etag)) {
            return EntityTags.<SystemFile>notModified(etag).header(HttpHeaders.CACHE_CONTROL, cacheControl);
        }
        return HttpResponse.ok(new SystemFile(listed.file().toFile(), GZIP).attach(name)).header(HttpHeaders.ETAG, etag);
    }

    private Map<String, Object> entry(Snapshot snapshot) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", snapshot.name());
        entry.put("format", snapshot.format());
        entry.put("date", snapshot.date().toString());
        entry.put("size_bytes", snapshot.sizeBytes());
        entry.put("row_count", snapshot.rowCount());
        entry.put("sha256", snapshot.sha256());
        entry.put("created_at", snapshot.createdAt().toString());
        entry.put("url", urls.of("/v1/opendata/snapshots/" + snapshot.name()));
        return entry;
    }
}
