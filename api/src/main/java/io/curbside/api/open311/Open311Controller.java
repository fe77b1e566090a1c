package io.curbside.api.open311;

import io.curbside.api.catalog.CatalogService;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.ratelimits.ApiKeyFilter;
import io.curbside.api.support.PlainText;
import io.curbside.api.support.PublicUrls;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Open311 GeoReport v2 under {@link #BASE}. Hand-written rather than generated: the format is the
 * path's suffix and the body form-encoded, which the generated interfaces cannot express; the routes
 * are in openapi/curbside.yaml all the same. Every answer is bytes written by {@link Open311Writer},
 * every refusal a problem that {@link Open311Errors} rewrites as the spec's errors.
 */
@Controller(Open311Controller.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_XML, MediaType.APPLICATION_XML})
class Open311Controller {

    static final String BASE = "/open311/v2";
    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    /** When this server's discovery document last changed (the spec's changeset). */
    static final String CHANGESET = "2026-12-08T00:00:00Z";

    private final Open311Settings settings;
    private final Open311Writer writer;
    private final Open311Catalog catalog;
    private final Open311Intake intake;
    private final Open311Reads reads;
    private final PublicUrls urls;
    private final Open311Multipart multipart;

    Open311Controller(Open311Settings settings, Open311Writer writer, Open311Catalog catalog, Open311Intake intake,
                      Open311Reads reads, PublicUrls urls, Open311Multipart multipart) {
        this.settings = settings;
        this.writer = writer;
        this.catalog = catalog;
        this.intake = intake;
        this.reads = reads;
        this.urls = urls;
        this.multipart = multipart;
    }

    @Get("/discovery.{format}")
    HttpResponse<byte[]> discovery(@PathVariable String format, HttpRequest<?> request) {
        Open311Format f = Open311Format.of(format);
        jurisdiction(request.getParameters().get("jurisdiction_id"));
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", SPECIFICATION);
        endpoint.put("url", urls.of(BASE));
        endpoint.put("changeset", CHANGESET);
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("text/xml", "application/json"));
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("changeset", CHANGESET);
        discovery.put("contact", settings.contact());
        discovery.put("key_service", settings.keyService());
        discovery.put("jurisdiction_id", settings.jurisdiction());
        discovery.put("endpoints", List.of(endpoint));
        return answer(f, HttpStatus.OK, "discovery", discovery);
    }

    @Get("/services.{format}")
    HttpResponse<byte[]> services(@PathVariable String format, HttpRequest<?> request,
                                  @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Open311Format f = Open311Format.of(format);
        jurisdiction(request.getParameters().get("jurisdiction_id"));
        CatalogService.View view = catalog.view(acceptLanguage);
        return inLanguage(answer(f, HttpStatus.OK, "services", catalog.services(view)), view.language());
    }

    @Get("/services/{serviceCode}.{format}")
    HttpResponse<byte[]> definition(@PathVariable String serviceCode, @PathVariable String format, HttpRequest<?> request,
                                    @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Open311Format f = Open311Format.of(format);
        jurisdiction(request.getParameters().get("jurisdiction_id"));
        CatalogService.View view = catalog.view(acceptLanguage);
        return inLanguage(answer(f, HttpStatus.OK, "service_definition", catalog.definition(view, serviceCode)),
                view.language());
    }

    @Post(value = "/requests.{format}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<byte[]> file(@PathVariable String format, @Nullable @Body String body, HttpRequest<?> request,
                              @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                              @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        Open311Format f = Open311Format.of(format);
        return filed(f, Open311Form.urlEncoded(body), List.of(), request, acceptLanguage, idempotencyKey);
    }

    /** The same POST with photos, as the v2.1 draft sends them: the fields as text parts, each photo a "media" file part. */
    @Post(value = "/requests.{format}", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<byte[]> fileWithMedia(@PathVariable String format, @Body MultipartBody body, HttpRequest<?> request,
                                       @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                                       @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        Open311Format f = Open311Format.of(format);
        Open311Multipart.Read read = multipart.read(body);
        return filed(f, read.form(), read.media(), request, acceptLanguage, idempotencyKey);
    }

    private HttpResponse<byte[]> filed(Open311Format f, Open311Form form, List<byte[]> media, HttpRequest<?> request,
                                       @Nullable String acceptLanguage, @Nullable String idempotencyKey) {
        String jurisdiction = form.one("jurisdiction_id");
        jurisdiction(jurisdiction != null ? jurisdiction : request.getParameters().get("jurisdiction_id"));
        Open311Intake.Filed filed = intake.file(form, media, presentedKey(request), idempotencyKey, acceptLanguage);
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("service_request_id", filed.serviceRequestId());
        element.put("service_notice", filed.serviceNotice());
        element.put("account_id", filed.accountId());
        MutableHttpResponse<byte[]> response = answer(f, HttpStatus.OK, "service_requests", List.of(element));
        if (filed.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response;
    }

    @Get("/requests.{format}")
    HttpResponse<byte[]> requests(@PathVariable String format, HttpRequest<?> request,
                                  @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Open311Format f = Open311Format.of(format);
        jurisdiction(parameter(request, "jurisdiction_id"));
        Open311Reads.Query query = new Open311Reads.Query(parameter(request, "service_request_id"),
                parameter(request, "service_code"), parameter(request, "start_date"), parameter(request, "end_date"),
                parameter(request, "status"), parameter(request, "updated_after"), parameter(request, "updated_before"),
                parameter(request, "bbox"), parameter(request, "lat"), parameter(request, "long"),
                parameter(request, "radius"), parameter(request, "extensions"), parameter(request, "page"),
                parameter(request, "page_size"));
        Open311Reads.Found found = reads.search(query, acceptLanguage);
        MutableHttpResponse<byte[]> response = answer(f, HttpStatus.OK, "service_requests", found.requests());
        if (found.page() != null) {
            List<String> links = new ArrayList<>();
            links.add(link(request, format, 1, found.pageSize(), "first"));
            if (found.page() > 1) {
                links.add(link(request, format, found.page() - 1, found.pageSize(), "prev"));
            }
            if (found.more()) {
                links.add(link(request, format, found.page() + 1, found.pageSize(), "next"));
            }
            response.header(HttpHeaders.LINK, String.join(", ", links));
        }
        return response;
    }

    /** A page of the same query: its parameters but the page's and the API key (a link is shared, a key is not). */
    private String link(HttpRequest<?> request, String format, int page, int size, String rel) {
        StringBuilder query = new StringBuilder();
        for (String name : request.getParameters().names()) {
            if (Set.of("page", "page_size", ApiKeyFilter.PARAMETER).contains(name)) {
                continue;
            }
            for (String value : request.getParameters().getAll(name)) {
                query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        }
        query.append("page=").append(page).append("&page_size=").append(size);
        return "<" + urls.of(BASE + "/requests." + format) + "?" + query + ">; rel=\"" + rel + "\"";
    }

    @Get("/requests/{serviceRequestId}.{format}")
    HttpResponse<byte[]> request(@PathVariable String serviceRequestId, @PathVariable String format,
                                 HttpRequest<?> request,
                                 @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Open311Format f = Open311Format.of(format);
        jurisdiction(parameter(request, "jurisdiction_id"));
        return answer(f, HttpStatus.OK, "service_requests",
                List.of(reads.one(serviceRequestId, parameter(request, "extensions"), acceptLanguage)));
    }

    /**
     * Curbside files a request while the POST waits and answers with its number, never a token; a client
     * that asks here all the same is answered with the number it sent, when such a request is published.
     */
    @Get("/tokens/{token}.{format}")
    HttpResponse<byte[]> token(@PathVariable String token, @PathVariable String format, HttpRequest<?> request) {
        Open311Format f = Open311Format.of(format);
        jurisdiction(parameter(request, "jurisdiction_id"));
        if (!reads.exists(token)) {
            throw ProblemException.notFound("There is no request for this token. Curbside files each request "
                    + "while the POST waits, and its answer gives the service_request_id at once.");
        }
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("service_request_id", token);
        element.put("token", token);
        return answer(f, HttpStatus.OK, "service_requests", List.of(element));
    }

    /** A query parameter's one value; null when absent or empty (an empty parameter is no parameter). */
    @Nullable
    static String parameter(HttpRequest<?> request, String name) {
        List<String> values = request.getParameters().getAll(name);
        if (values.size() > 1) {
            throw ProblemException.invalidParameter(name, "is given " + values.size() + " times; it takes one value");
        }
        if (values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        String problem = PlainText.problem(values.get(0));
        if (problem != null) {
            throw ProblemException.invalidParameter(name, problem);
        }
        return values.get(0).strip();
    }

    /** A jurisdiction_id other than this deployment's (when it names one) is a jurisdiction this server does not serve. */
    private void jurisdiction(@Nullable String sent) {
        String own = settings.jurisdiction();
        if (own != null && sent != null && !sent.isBlank() && !sent.strip().equals(own)) {
            throw ProblemException.notFound("This server serves the jurisdiction_id \"" + own + "\" only.");
        }
    }

    @Nullable
    private static String presentedKey(HttpRequest<?> request) {
        String header = request.getHeaders().get(ApiKeyFilter.HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String query = request.getParameters().get(ApiKeyFilter.PARAMETER);
        return query == null || query.isBlank() ? null : query.strip();
    }

    private MutableHttpResponse<byte[]> answer(Open311Format format, HttpStatus status, String root, Object document) {
        return HttpResponse.<byte[]>status(status).body(writer.write(format, root, document))
                .contentType(MediaType.of(format.contentType()));
    }

    private static MutableHttpResponse<byte[]> inLanguage(MutableHttpResponse<byte[]> response, String language) {
        return response.header(HttpHeaders.CONTENT_LANGUAGE, language).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
}
