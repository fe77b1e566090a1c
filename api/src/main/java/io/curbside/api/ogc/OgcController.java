package io.curbside.api.ogc;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.support.OpenDataCaching;
import io.curbside.api.support.PublicUrls;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * OGC API – Features under {@code /ogc}. Hand-written rather than generated: every resource answers in
 * two media types chosen by {@code f} or Accept, which the generated interfaces cannot express. The
 * routes are in openapi/curbside.yaml all the same, which {@code /ogc/api} serves a part of.
 */
// Every type a route may answer in: a route without them refuses an Accept naming only one (text/html: 406).
@Controller(OgcDocuments.BASE)
@Produces({MediaType.APPLICATION_JSON, "application/geo+json", "application/schema+json",
        "application/vnd.oai.openapi+json;version=3.0", MediaType.TEXT_HTML})
class OgcController {

    /** RFC 9110 §5.6.7's IMF-fixdate: the day of the month in two digits, where RFC 1123's formatter writes one. */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.ENGLISH);

    static final MediaType GEOJSON = MediaType.of("application/geo+json");
    static final MediaType SCHEMA = MediaType.of("application/schema+json");
    static final MediaType OPENAPI = MediaType.of("application/vnd.oai.openapi+json;version=3.0");

    private final OgcCollections collections;
    private final OgcDocuments documents;
    private final OgcPages pages;
    private final OgcApiDefinition definition;
    private final PublicUrls urls;
    private final PlainJson plain;

    OgcController(OgcCollections collections, OgcDocuments documents, OgcPages pages, OgcApiDefinition definition,
                  PublicUrls urls, JsonMapper json) {
        this.collections = collections;
        this.documents = documents;
        this.pages = pages;
        this.definition = definition;
        this.urls = urls;
        this.plain = new PlainJson(json);
    }

    @Get
    HttpResponse<byte[]> landing(HttpRequest<?> request) {
        OgcFormat format = OgcParameters.format(request, OgcParameters.ANY_ROUTE);
        Map<String, Object> landing = documents.landing(format);
        return answer(format, MediaType.APPLICATION_JSON_TYPE, landing, () -> pages.landing(landing), null);
    }

    @Get("/conformance")
    HttpResponse<byte[]> conformance(HttpRequest<?> request) {
        OgcFormat format = OgcParameters.format(request, OgcParameters.ANY_ROUTE);
        Map<String, Object> conformance = documents.conformance(format);
        return answer(format, MediaType.APPLICATION_JSON_TYPE, conformance, () -> pages.conformance(conformance), null);
    }

    /** The definition is JSON only; its HTML form is the documentation page of the whole API. */
    @Get("/api")
    HttpResponse<byte[]> api(HttpRequest<?> request) {
        if (OgcParameters.format(request, OgcParameters.ANY_ROUTE) == OgcFormat.HTML) {
            return HttpResponse.seeOther(URI.create(urls.of("/openapi")));
        }
        return HttpResponse.ok(definition.document(urls.of(OgcDocuments.BASE))).contentType(OPENAPI);
    }

    @Get("/collections")
    HttpResponse<byte[]> collections(HttpRequest<?> request, @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OgcFormat format = OgcParameters.format(request, OgcParameters.ANY_ROUTE);
        OgcCollections.View view = collections.view(acceptLanguage);
        Map<String, Object> list = documents.collections(view.sources(), view.language(), format);
        return answer(format, MediaType.APPLICATION_JSON_TYPE, list, () -> pages.collections(list), view.language());
    }

    @Get("/collections/{collectionId}")
    HttpResponse<byte[]> collection(HttpRequest<?> request, @PathVariable String collectionId,
                                    @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OgcFormat format = OgcParameters.format(request, OgcParameters.ANY_ROUTE);
        OgcCollections.View view = collections.view(acceptLanguage);
        FeatureSource source = view.find(collectionId);
        Map<String, Object> collection = documents.collection(source, view.language(), format);
        return changed(source, answer(format, MediaType.APPLICATION_JSON_TYPE, collection,
                () -> pages.collection(collection), view.language()));
    }

    @Get("/collections/{collectionId}/items")
    HttpResponse<byte[]> items(HttpRequest<?> request, @PathVariable String collectionId,
                               @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OgcCollections.View view = collections.view(acceptLanguage);
        FeatureSource source = view.find(collectionId);
        OgcFormat format;
        FeaturePage page;
        Map<String, String> kept;
        if (source instanceof FilteredSource filtered) {
            // One parser for its items: ItemsParameters refuses the names it does not take, f and api_key aside.
            Map<String, List<String>> asked = new TreeMap<>(request.getParameters().asMap());
            asked.remove("f");
            asked.remove("api_key");
            format = OgcParameters.format(request, request.getParameters().names());
            page = filtered.items(asked, view.language());
            kept = new LinkedHashMap<>();
            asked.forEach((name, values) -> {
                if (!name.equals("cursor")) {
                    kept.put(name, values.get(0));
                }
            });
        } else {
            format = OgcParameters.format(request, OgcParameters.items(source));
            ItemsQuery query = OgcParameters.items(request, source);
            page = source.items(query, view.language());
            kept = OgcParameters.keptInLinks(query, request);
        }
        Map<String, Object> items = documents.items(source, page, kept,
                request.getParameters().getFirst("cursor").orElse(null), view.language(), format);
        if (format == OgcFormat.HTML) {
            return changed(source, answer(format, GEOJSON, items, () -> pages.items(source.describe(view.language())
                    .title(), items, id -> documents.itemUrl(source.id(), String.valueOf(id), OgcFormat.HTML)),
                    view.language()));
        }
        // Tagged without its timeStamp: the same page of the same data keeps its tag from one second to the next.
        // Written once: the answer is those bytes with the timeStamp added as the last member.
        PlainJson.Written unstamped = plain.written(items);
        MutableHttpResponse<byte[]> response = HttpResponse.ok(documents.stamped(unstamped.array(), unstamped.length()))
                .contentType(GEOJSON).header(HttpHeaders.ETAG, OpenDataCaching.tagOf(unstamped.array(), unstamped.length()));
        if (view.language() != null) {
            response.header(HttpHeaders.CONTENT_LANGUAGE, view.language());
        }
        return changed(source, response);
    }

    @Get("/collections/{collectionId}/items/{featureId}")
    HttpResponse<byte[]> item(HttpRequest<?> request, @PathVariable String collectionId, @PathVariable String featureId,
                              @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OgcFormat format = OgcParameters.format(request, OgcParameters.ANY_ROUTE);
        OgcCollections.View view = collections.view(acceptLanguage);
        FeatureSource source = view.find(collectionId);
        Feature feature = source.item(featureId, view.language()).orElseThrow(() -> ProblemException.notFound(
                "There is no feature \"" + featureId + "\" in the collection \"" + collectionId + "\"."));
        Map<String, Object> document = documents.item(source, feature, view.language(), format);
        return changed(source, answer(format, GEOJSON, document, () -> pages.item(document), view.language()));
    }

    /** The names a filter may use on a collection (Part 3), as a JSON Schema; 404 for a collection without filters. */
    @Get("/collections/{collectionId}/queryables")
    HttpResponse<byte[]> queryables(HttpRequest<?> request, @PathVariable String collectionId) {
        OgcParameters.format(request, OgcParameters.ANY_ROUTE);
        FeatureSource source = collections.view(null).find(collectionId);
        if (!(source instanceof FilteredSource filtered)) {
            throw ProblemException.notFound("The collection \"" + collectionId + "\" takes no filter, so has no queryables.");
        }
        String url = urls.of(OgcDocuments.BASE + OgcDocuments.collectionPath(collectionId) + "/queryables");
        return HttpResponse.ok(bytes(filtered.queryables().jsonSchema(url, source.describe("en").title())))
                .contentType(SCHEMA);
    }

    /** Last-Modified where the source knows when its data changed (OpenDataCaching answers If-Modified-Since). */
    private static MutableHttpResponse<byte[]> changed(FeatureSource source, MutableHttpResponse<byte[]> response) {
        source.lastModified().ifPresent(at -> response.header(HttpHeaders.LAST_MODIFIED,
                IMF_FIXDATE.format(at.atZone(ZoneOffset.UTC))));
        return response;
    }

    private MutableHttpResponse<byte[]> answer(OgcFormat format, MediaType jsonType, Map<String, Object> document,
                                               Supplier<String> html, @Nullable String language) {
        MutableHttpResponse<byte[]> response = format == OgcFormat.HTML
                ? HttpResponse.ok(html.get().getBytes(StandardCharsets.UTF_8)).contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                : HttpResponse.ok(bytes(document)).contentType(jsonType);
        if (language != null) {
            response.header(HttpHeaders.CONTENT_LANGUAGE, language);
        }
        return response;
    }

    private byte[] bytes(Map<String, Object> document) {
        return plain.bytes(document);
    }
}
