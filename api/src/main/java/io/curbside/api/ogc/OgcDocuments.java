package io.curbside.api.ogc;

import io.curbside.api.support.PublicUrls;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of every {@code /ogc} resource, as Part 1 shapes it (landingPage, confClasses, collections,
 * collection, featureCollectionGeoJSON, featureGeoJSON), links included. The HTML pages are drawn from
 * the same documents, so the two encodings cannot say different things.
 */
@Singleton
class OgcDocuments {

    static final String BASE = "/ogc";
    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    private static final String OGC_REL = "http://www.opengis.net/def/rel/ogc/1.0/";

    private final PublicUrls urls;
    private final Clock clock;

    OgcDocuments(PublicUrls urls, Clock clock) {
        this.urls = urls;
        this.clock = clock;
    }

    Map<String, Object> landing(OgcFormat format) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("title", "Curbside open data");
        page.put("description", "The city's 311 service requests and its district boundaries, as OGC API – Features. "
                + "Nothing here identifies a reporter: points are generalized, text is scrubbed.");
        List<Link> links = new ArrayList<>(self("", Link.JSON, format, "this document"));
        links.add(new Link(url("/api", "f", "json"), "service-desc", Link.OPENAPI, "the API definition (OpenAPI 3.0)"));
        links.add(new Link(urls.of("/openapi"), "service-doc", Link.HTML, "the API documentation"));
        links.add(new Link(url("/conformance", "f", "json"), "conformance", Link.JSON, "the conformance classes implemented"));
        links.add(new Link(url("/conformance", "f", "json"), OGC_REL + "conformance", Link.JSON,
                "the conformance classes implemented"));
        links.add(new Link(url("/collections", "f", "json"), "data", Link.JSON, "the collections"));
        links.add(new Link(url("/collections", "f", "json"), OGC_REL + "data", Link.JSON, "the collections"));
        links.addAll(dictionary());
        page.put("links", json(links));
        return page;
    }

    Map<String, Object> conformance(OgcFormat format) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("conformsTo", Conformance.CLASSES);
        page.put("links", json(self("/conformance", Link.JSON, format, "the conformance classes")));
        return page;
    }

    Map<String, Object> collections(List<FeatureSource> sources, String language, OgcFormat format) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("links", json(self("/collections", Link.JSON, format, "the collections")));
        page.put("collections", sources.stream().map(s -> collection(s, language, null)).toList());
        return page;
    }

    /** A collection's description; with a format, as a document of its own (its self link first). */
    Map<String, Object> collection(FeatureSource source, String language, OgcFormat format) {
        CollectionInfo info = source.describe(language);
        String path = collectionPath(source.id());
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("id", source.id());
        collection.put("title", info.title());
        collection.put("description", info.description());
        List<Link> links = new ArrayList<>(format == null
                ? List.of(new Link(url(path, "f", "json"), "self", Link.JSON, info.title()),
                        new Link(url(path, "f", "html"), "alternate", Link.HTML, info.title() + " as HTML"))
                : self(path, Link.JSON, format, info.title()));
        links.add(new Link(url(path + "/items", "f", "json"), "items", Link.GEOJSON, "the features, as GeoJSON"));
        links.add(new Link(url(path + "/items", "f", "html"), "items", Link.HTML, "the features, as HTML"));
        if (source instanceof FilteredSource) {
            links.add(new Link(url(path + "/queryables", "f", "json"), OGC_REL + "queryables", "application/schema+json",
                    "the properties a filter may use"));
        }
        if (source.id().equals(PublishedRequestSource.ID)) {
            links.addAll(dictionary());
        }
        collection.put("links", json(links));
        collection.put("extent", extent(info));
        collection.put("itemType", "feature");
        collection.put("crs", List.of(CRS84));
        return collection;
    }

    /** A page of items; {@code query} holds the parameters as asked (without f and cursor), for the links. */
    Map<String, Object> items(FeatureSource source, FeaturePage page, Map<String, String> query, String cursor,
                              String language, OgcFormat format) {
        String path = collectionPath(source.id()) + "/items";
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        // As GeoJSON, a feature that can write itself does, rather than be built as maps to be walked.
        collection.put("features", page.features().stream()
                .map(f -> format == OgcFormat.JSON && f.body() != null ? direct(f) : feature(f)).toList());
        Map<String, String> here = new LinkedHashMap<>(query);
        if (cursor != null) {
            here.put("cursor", cursor);
        }
        List<Link> links = new ArrayList<>();
        links.add(new Link(url(path, here, OgcFormat.JSON), format == OgcFormat.JSON ? "self" : "alternate",
                Link.GEOJSON, "this page, as GeoJSON"));
        links.add(new Link(url(path, here, OgcFormat.HTML), format == OgcFormat.HTML ? "self" : "alternate",
                Link.HTML, "this page, as HTML"));
        if (page.nextCursor() != null) {
            Map<String, String> next = new LinkedHashMap<>(query);
            next.put("cursor", page.nextCursor());
            links.add(new Link(url(path, next, format), "next", format == OgcFormat.HTML ? Link.HTML : Link.GEOJSON,
                    "the next page"));
        }
        if (page.prevCursor() != null) {
            Map<String, String> prev = new LinkedHashMap<>(query);
            prev.put("cursor", page.prevCursor());
            links.add(new Link(url(path, prev, format), "prev", format == OgcFormat.HTML ? Link.HTML : Link.GEOJSON,
                    "the page before"));
        }
        links.add(new Link(url(collectionPath(source.id()), "f", "json"), "collection", Link.JSON,
                source.describe(language).title()));
        collection.put("links", json(links));
        // Part 1 (/req/core/fc-response B): numberMatched, if given, is the number matching, so an
        // estimate goes in a foreign member (GeoJSON allows them) and numberMatched is left out.
        collection.put(page.matchedExactly() ? "numberMatched" : "numberMatchedEstimate", page.numberMatched());
        collection.put("numberReturned", page.features().size());
        return collection;
    }

    /**
     * The items page, written as a JSON object, stamped with the time it was made, which Part 1 asks of
     * every page: the member added last, to the bytes, so the page is written once.
     */
    byte[] stamped(byte[] items) {
        return stamped(items, items.length);
    }

    /** {@link #stamped(byte[])} of the first {@code length} bytes of {@code items}. */
    byte[] stamped(byte[] items, int length) {
        if (length < 2 || items[length - 1] != '}') {
            throw new IllegalArgumentException("not a JSON object");
        }
        byte[] stamp = ((length > 2 ? "," : "") + "\"timeStamp\":\""
                + clock.instant().truncatedTo(ChronoUnit.SECONDS) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] stamped = Arrays.copyOf(items, length - 1 + stamp.length);
        System.arraycopy(stamp, 0, stamped, length - 1, stamp.length);
        return stamped;
    }

    /** One feature as a document of its own. */
    Map<String, Object> item(FeatureSource source, Feature feature, String language, OgcFormat format) {
        Map<String, Object> document = feature(feature);
        List<Link> links = new ArrayList<>(self(itemPath(source.id(), feature.id()), Link.GEOJSON, format,
                "this feature"));
        links.add(new Link(url(collectionPath(source.id()), "f", "json"), "collection", Link.JSON,
                source.describe(language).title()));
        document.put("links", json(links));
        return document;
    }

    /** The address of a feature in a format. */
    String itemUrl(String collectionId, String featureId, OgcFormat format) {
        return url(itemPath(collectionId, featureId), "f", format.parameter());
    }

    private static Map<String, Object> feature(Feature feature) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "Feature");
        json.put("id", feature.id());
        json.put("geometry", feature.geometry());
        json.put("properties", feature.properties());
        return json;
    }

    /** {@link #feature} as written by its body: the same members in the same order. */
    private static PlainJson.Direct direct(Feature feature) {
        Feature.Body body = feature.body();
        return out -> {
            out.writeStartObject();
            out.writeStringField("type", "Feature");
            out.writeStringField("id", feature.id());
            out.writeFieldName("geometry");
            body.writeGeometry(out);
            out.writeFieldName("properties");
            body.writeProperties(out);
            out.writeEndObject();
        };
    }

        private static Map<String, Object> extent(CollectionInfo info) {
        Map<String, Object> extent = new LinkedHashMap<>();
        if (info.bbox() != null) {
            extent.put("spatial", Map.of("bbox", List.of(info.bbox().toList()), "crs", CRS84));
        }
        if (info.temporal()) {
            List<String> interval = new ArrayList<>();
            interval.add(info.firstTime() == null ? null : info.firstTime().toString());
            interval.add(info.lastTime() == null ? null : info.lastTime().toString());
            extent.put("temporal", Map.of("interval", List.of(interval),
                    "trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"));
        }
        return extent;
    }

    /** The data dictionary of the published requests: their fields, generalization and privacy rules. */
    private List<Link> dictionary() {
        String path = urls.of(DataDictionary.PATH);
        return List.of(new Link(path + "?f=json", "describedby", Link.JSON, "the data dictionary of the service requests"),
                new Link(path + "?f=html", "describedby", Link.HTML, "the data dictionary of the service requests, as HTML"));
    }

    /** The self link in the format answered, and the alternate in the other. */
    private List<Link> self(String path, String jsonType, OgcFormat format, String title) {
        Link json = new Link(url(path, "f", "json"), format == OgcFormat.JSON ? "self" : "alternate", jsonType,
                title + ", as JSON");
        Link html = new Link(url(path, "f", "html"), format == OgcFormat.HTML ? "self" : "alternate", Link.HTML,
                title + ", as HTML");
        return format == OgcFormat.HTML ? List.of(html, json) : List.of(json, html);
    }

    static String collectionPath(String collectionId) {
        return "/collections/" + segment(collectionId);
    }

    static String itemPath(String collectionId, String featureId) {
        return collectionPath(collectionId) + "/items/" + segment(featureId);
    }

    private String url(String path, String name, String value) {
        return urls.of(BASE + path) + "?" + name + "=" + encode(value);
    }

    private String url(String path, Map<String, String> query, OgcFormat format) {
        StringBuilder url = new StringBuilder(urls.of(BASE + path)).append("?f=").append(format.parameter());
        query.forEach((name, value) -> url.append('&').append(encode(name)).append('=').append(encode(value)));
        return url.toString();
    }

    private static String segment(String text) {
        return encode(text);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<Map<String, Object>> json(List<Link> links) {
        return links.stream().map(Link::toJson).toList();
    }
}
