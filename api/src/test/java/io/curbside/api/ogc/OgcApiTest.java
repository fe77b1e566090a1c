package io.curbside.api.ogc;

import io.curbside.api.testing.DatabaseTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OGC API – Features Part 1 over the demo city's district layers: every resource in JSON checked
 * against the standard's shapes ({@link OgcShapes}), its links, paging, bbox, the HTML pages, and the
 * 400 and 404 answers the standard asks for.
 */
@MicronautTest(transactional = false)
class OgcApiTest extends DatabaseTest {

    private static final String CONF = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/";

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    private OgcClient ogc;

    @BeforeAll
    void client() {
        ogc = new OgcClient(server.getPort(), mapper);
    }

    @Test
    void theLandingPageLinksTheDefinitionConformanceAndCollections() {
        HttpResponse<byte[]> answer = ogc.get("/ogc");
        assertEquals(200, answer.statusCode());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElseThrow());
        Map<String, Object> landing = ogc.json(answer);
        assertEquals(List.of(), OgcShapes.landingPage(landing));
        String base = "http://127.0.0.1:" + server.getPort() + "/ogc";
        assertEquals(base + "?f=json", OgcClient.link(landing, "self", "application/json"));
        assertEquals(base + "?f=html", OgcClient.link(landing, "alternate", "text/html"));
        assertEquals(base + "/api?f=json", OgcClient.link(landing, "service-desc",
                "application/vnd.oai.openapi+json;version=3.0"));
        assertTrue(OgcClient.link(landing, "service-doc", "text/html").endsWith("/openapi"));
        assertEquals(base + "/conformance?f=json", OgcClient.link(landing, "conformance", "application/json"));
        assertEquals(base + "/collections?f=json", OgcClient.link(landing, "data", "application/json"));
    }

    @Test
    void conformanceDeclaresWhatIsImplemented() {
        Map<String, Object> conformance = ogc.json(ogc.get("/ogc/conformance"));
        assertEquals(List.of(), OgcShapes.confClasses(conformance));
        String part3 = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/";
        String cql2 = "http://www.opengis.net/spec/cql2/1.0/conf/";
        assertEquals(List.of(CONF + "core", CONF + "geojson", CONF + "html", CONF + "oas30",
                part3 + "queryables", part3 + "filter", part3 + "features-filter",
                cql2 + "cql2-text", cql2 + "basic-cql2", cql2 + "advanced-comparison-operators",
                cql2 + "basic-spatial-functions"), conformance.get("conformsTo"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDistrictLayerIsACollection() {
        Map<String, Object> collections = ogc.json(ogc.get("/ogc/collections"));
        assertEquals(List.of(), OgcShapes.collections(collections));
        List<Map<String, Object>> list = (List<Map<String, Object>>) collections.get("collections");
        assertEquals(List.of("council_districts", "neighborhoods"), list.stream().map(c -> c.get("id"))
                .filter(id -> !id.equals("service-requests")).toList());
        assertTrue(list.stream().anyMatch(c -> c.get("id").equals("service-requests")), "the published requests are one");
        Map<String, Object> council = list.stream().filter(c -> c.get("id").equals("council_districts")).findFirst()
                .orElseThrow();
        assertEquals("Council districts", council.get("title"));
        assertEquals(List.of("http://www.opengis.net/def/crs/OGC/1.3/CRS84"), council.get("crs"));
        List<Number> bbox = ((List<List<Number>>) ((Map<String, Object>) ((Map<String, Object>) council.get("extent"))
                .get("spatial")).get("bbox")).get(0);
        assertEquals(4, bbox.size());
        assertTrue(bbox.get(0).doubleValue() < bbox.get(2).doubleValue() && bbox.get(1).doubleValue() < bbox.get(3).doubleValue());
        assertTrue(OgcClient.link(council, "items", "application/geo+json")
                .endsWith("/ogc/collections/council_districts/items?f=json"));

        HttpResponse<byte[]> one = ogc.get("/ogc/collections/council_districts");
        Map<String, Object> collection = ogc.json(one);
        assertEquals(List.of(), OgcShapes.collection(collection));
        assertTrue(OgcClient.link(collection, "self", "application/json").endsWith("/ogc/collections/council_districts?f=json"));
        assertEquals("en", one.headers().firstValue("Content-Language").orElseThrow());
    }

    @Test
    @SuppressWarnings("unchecked")
    void itemsAreGeoJsonPagedToTheEndWithNextLinks() {
        HttpResponse<byte[]> first = ogc.get("/ogc/collections/neighborhoods/items?limit=5");
        assertEquals(200, first.statusCode());
        assertEquals("application/geo+json", first.headers().firstValue("Content-Type").orElseThrow());
        Map<String, Object> page = ogc.json(first);
        assertEquals(List.of(), OgcShapes.featureCollection(page));
        assertEquals(14, ((Number) page.get("numberMatched")).intValue());
        assertEquals(5, ((Number) page.get("numberReturned")).intValue());
        assertTrue(OgcClient.link(page, "self", "application/geo+json").contains("limit=5"));
        assertTrue(OgcClient.link(page, "collection", "application/json").endsWith("/ogc/collections/neighborhoods?f=json"));

        List<Object> ids = new ArrayList<>();
        int pages = 0;
        while (true) {
            pages++;
            ((List<Map<String, Object>>) page.get("features")).forEach(f -> ids.add(f.get("id")));
            boolean hasNext = ((List<Map<String, Object>>) page.get("links")).stream().anyMatch(l -> "next".equals(l.get("rel")));
            if (!hasNext) {
                break;
            }
            HttpResponse<byte[]> next = ogc.get(OgcClient.link(page, "next", "application/geo+json"));
            assertEquals(200, next.statusCode());
            page = ogc.json(next);
            assertEquals(List.of(), OgcShapes.featureCollection(page));
        }
        assertEquals(3, pages);
        assertEquals(14, ids.size());
        assertEquals(14, ids.stream().distinct().count(), "no feature twice: " + ids);

        Map<String, Object> feature = ((List<Map<String, Object>>) page.get("features")).get(0);
        Map<String, Object> properties = (Map<String, Object>) feature.get("properties");
        assertEquals(Map.of("layer", "neighborhoods", "code", feature.get("id"), "name", properties.get("name")), properties);
        assertEquals("MultiPolygon", ((Map<String, Object>) feature.get("geometry")).get("type"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void bboxKeepsTheDistrictsItTouches() {
        Map<String, Object> all = ogc.json(ogc.get("/ogc/collections/council_districts/items"));
        assertEquals(7, ((Number) all.get("numberReturned")).intValue());
        Map<String, Object> feature = ((List<Map<String, Object>>) all.get("features")).get(0);
        List<List<List<List<Number>>>> polygons = (List<List<List<List<Number>>>>) ((Map<String, Object>) feature.get("geometry")).get("coordinates");
        List<Number> corner = polygons.get(0).get(0).get(0);
        double lon = corner.get(0).doubleValue();
        double lat = corner.get(1).doubleValue();
        String tiny = (lon - 0.0001) + "," + (lat - 0.0001) + "," + (lon + 0.0001) + "," + (lat + 0.0001);
        Map<String, Object> near = ogc.json(ogc.get("/ogc/collections/council_districts/items?bbox=" + tiny));
        int matched = ((Number) near.get("numberMatched")).intValue();
        assertTrue(matched >= 1 && matched < 7, "a box around one corner touches one district or a few: " + matched);
        assertTrue(((List<Map<String, Object>>) near.get("features")).stream().anyMatch(f -> f.get("id").equals(feature.get("id"))));
        Map<String, Object> far = ogc.json(ogc.get("/ogc/collections/council_districts/items?bbox=10,10,11,11"));
        assertEquals(0, ((Number) far.get("numberMatched")).intValue());
        assertEquals(List.of(), far.get("features"));
        Map<String, Object> anyTime = ogc.json(ogc.get("/ogc/collections/council_districts/items?datetime=2020-01-01T00:00:00Z/.."));
        assertEquals(7, ((Number) anyTime.get("numberMatched")).intValue(), "districts have no time: every datetime matches them");
    }

    @Test
    void oneItemAndItsLinks() {
        HttpResponse<byte[]> answer = ogc.get("/ogc/collections/neighborhoods/items/old-town");
        assertEquals(200, answer.statusCode());
        assertEquals("application/geo+json", answer.headers().firstValue("Content-Type").orElseThrow());
        Map<String, Object> feature = ogc.json(answer);
        assertEquals(List.of(), OgcShapes.feature(feature));
        assertEquals("old-town", feature.get("id"));
        assertTrue(OgcClient.link(feature, "self", "application/geo+json").endsWith("/items/old-town?f=json"));
        assertTrue(OgcClient.link(feature, "collection", "application/json").endsWith("/collections/neighborhoods?f=json"));
    }

    @Test
    void unknownCollectionsAndItemsAre404Problems() {
        for (String path : List.of("/ogc/collections/parcels", "/ogc/collections/parcels/items",
                "/ogc/collections/parcels/items/1", "/ogc/collections/neighborhoods/items/atlantis")) {
            HttpResponse<byte[]> answer = ogc.get(path);
            assertEquals(404, answer.statusCode(), path);
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElseThrow(), path);
            assertEquals("urn:curbside:problem:not-found", ogc.json(answer).get("type"), path);
        }
    }

    /** Part 1, /req/core/fc-limit-response-1 C: a limit above the maximum is served at the maximum, not refused. */
    @Test
    void aLimitAboveTheMaximumIsServedAtTheMaximum() {
        for (String limit : List.of("10001", "99999999999999999999")) {
            HttpResponse<byte[]> answer = ogc.get("/ogc/collections/council_districts/items?f=json&limit=" + limit);
            assertEquals(200, answer.statusCode(), limit);
        }
    }

    @Test
    void unknownAndInvalidParametersAre400Problems() {
        Map<String, String> refused = Map.of(
                "/ogc?foo=1", "foo",
                "/ogc/collections?limit=5", "limit",
                "/ogc/collections/council_districts/items?limit=0", "limit",
                "/ogc/collections/council_districts/items?limit=000", "limit",
                "/ogc/collections/council_districts/items?limit=abc", "limit",
                "/ogc/collections/council_districts/items?bbox=1,2,3", "bbox",
                "/ogc/collections/council_districts/items?datetime=yesterday", "datetime",
                "/ogc/collections/council_districts/items?cursor=nonsense", "cursor",
                "/ogc/conformance?f=xml", "f",
                "/ogc/collections/council_districts/items?limit=1&limit=2", "limit");
        refused.forEach((path, parameter) -> {
            HttpResponse<byte[]> answer = ogc.get(path);
            assertEquals(400, answer.statusCode(), path);
            Map<String, Object> problem = ogc.json(answer);
            assertEquals("urn:curbside:problem:invalid-parameter", problem.get("type"), path);
            assertTrue(String.valueOf(problem.get("detail")).contains("\"" + parameter + "\""), path + ": " + problem);
        });
    }

    @Test
    void browsersGetHtmlPagesAndFChoosesTheFormat() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        for (String path : List.of("/ogc", "/ogc/conformance", "/ogc/collections", "/ogc/collections/neighborhoods",
                "/ogc/collections/neighborhoods/items", "/ogc/collections/neighborhoods/items/old-town")) {
            HttpResponse<byte[]> page = ogc.get(path, "Accept", browser);
            assertEquals(200, page.statusCode(), path);
            assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), path);
            String html = new String(page.body(), StandardCharsets.UTF_8);
            assertTrue(html.startsWith("<!DOCTYPE html>") && html.endsWith("</html>"), path);
            assertFalse(html.contains("<script") || html.contains("https://cdn"), "nothing fetched from elsewhere: " + path);
            HttpResponse<byte[]> json = ogc.get(path + "?f=json", "Accept", browser);
            assertTrue(json.headers().firstValue("Content-Type").orElseThrow().contains("json"), path);
            HttpResponse<byte[]> asked = ogc.get(path + "?f=html");
            assertTrue(asked.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), path);
            // A client that names HTML alone (curl -H, some crawlers) gets it too, not a 406.
            HttpResponse<byte[]> htmlOnly = ogc.get(path, "Accept", "text/html");
            assertEquals(200, htmlOnly.statusCode(), path);
            assertTrue(htmlOnly.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), path);
            HttpResponse<byte[]> geoJsonOnly = ogc.get(path, "Accept", "application/geo+json");
            assertEquals(200, geoJsonOnly.statusCode(), path);
        }
        String items = new String(ogc.get("/ogc/collections/neighborhoods/items?f=html&limit=2").body(), StandardCharsets.UTF_8);
        assertTrue(items.contains("Next page"), items);
        assertTrue(items.contains("/ogc/collections/neighborhoods/items/"), "each feature links its page");
    }

    @Test
    void htmlEscapesWhatItShows() {
        assertEquals("&lt;b onclick=&quot;x&quot;&gt;&amp;&#39;", OgcPages.escape("<b onclick=\"x\">&'"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiDefinitionIsTheOgcPartOfTheContract() {
        HttpResponse<byte[]> answer = ogc.get("/ogc/api");
        assertEquals(200, answer.statusCode());
        assertEquals("application/vnd.oai.openapi+json;version=3.0", answer.headers().firstValue("Content-Type").orElseThrow());
        Map<String, Object> api = ogc.json(answer);
        assertTrue(String.valueOf(api.get("openapi")).startsWith("3.0."));
        assertEquals("http://127.0.0.1:" + server.getPort() + "/ogc",
                ((List<Map<String, Object>>) api.get("servers")).get(0).get("url"));
        Map<String, Object> paths = (Map<String, Object>) api.get("paths");
        assertEquals(List.of("/", "/api", "/collections", "/collections/{collectionId}", "/collections/{collectionId}/items",
                "/collections/{collectionId}/items/{featureId}", "/collections/{collectionId}/queryables", "/conformance"), new ArrayList<>(paths.keySet()));
        List<String> dangling = new ArrayList<>();
        references(api, api, dangling);
        assertEquals(List.of(), dangling, "every $ref resolves inside the document");
        List<Map<String, Object>> itemsParameters = (List<Map<String, Object>>) ((Map<String, Object>)
                ((Map<String, Object>) paths.get("/collections/{collectionId}/items")).get("get")).get("parameters");
        List<Object> names = itemsParameters.stream().map(p -> resolve(api, p).get("name")).toList();
        assertTrue(names.containsAll(OgcParameters.ITEMS), "every parameter the items route takes is declared: " + names);

        HttpResponse<byte[]> browser = ogc.get("/ogc/api?f=html");
        assertEquals(303, browser.statusCode());
        assertTrue(browser.headers().firstValue("Location").orElseThrow().endsWith("/openapi"));
    }

    @SuppressWarnings("unchecked")
    private static void references(Map<String, Object> api, Object node, List<String> dangling) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("$ref") instanceof String ref && resolve(api, (Map<String, Object>) map) == null) {
                dangling.add(ref);
            }
            map.values().forEach(v -> references(api, v, dangling));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> references(api, v, dangling));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> api, Map<String, Object> node) {
        if (!(node.get("$ref") instanceof String ref)) {
            return node;
        }
        Object target = api;
        for (String part : ref.substring(2).split("/")) {
            target = target instanceof Map<?, ?> m ? m.get(part) : null;
        }
        return (Map<String, Object>) target;
    }
}
