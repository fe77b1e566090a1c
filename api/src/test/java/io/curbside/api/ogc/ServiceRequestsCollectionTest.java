package io.curbside.api.ogc;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.curbside.api.testing.Personal.DESCRIPTION;
import static io.curbside.api.testing.Personal.EMAIL;
import static io.curbside.api.testing.Personal.NAME;
import static io.curbside.api.testing.Personal.PHONE;
import static io.curbside.api.testing.Personal.SECRETS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collection service-requests over HTTP, on requests filed with a reporter's name, phone, e-mail and
 * a house number: each filter, the CQL2 filter and its 400, keyset paging while requests are filed, one
 * item, the queryables; every answer has the standard's shape and none carries what identifies a reporter.
 */
@MicronautTest(transactional = false)
class ServiceRequestsCollectionTest extends HttpTest {

    private static final String ITEMS = "/ogc/collections/service-requests/items";
    private static final Set<String> PROPERTIES = Set.of("tracking_number", "service_code", "service_name", "department",
            "districts", "status", "status_detail", "received_at", "updated_at", "closed_at", "expected_at", "on_time",
            "me_too_count", "channel", "location_precision_m", "description", "photo_urls", "address");

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    private OgcClient ogc;
    private final List<String> potholes = new ArrayList<>();
    private final List<String> lights = new ArrayList<>();
    /** After the seeded requests: the bound of every count, so requests filed by the paging walk do not count. */
    private String seeded;

    @BeforeAll
    void seed() throws InterruptedException {
        ogc = new OgcClient(server.getPort(), mapper);
        for (int i = 0; i < 3; i++) {
            potholes.add(file(Reports.aPothole()));
        }
        for (int i = 0; i < 2; i++) {
            lights.add(file(Reports.of("streetlight-out").answer("problem", "out").north(3000)));
        }
        Thread.sleep(5);
        seeded = Instant.now().toString();
    }

    private String file(Reports report) {
        return (String) requests.filed(report.contact(NAME, EMAIL, PHONE).description(DESCRIPTION))
                .get("tracking_number");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachFeatureIsATrackingNumberWithThePublishedFieldsOnly() {
        Map<String, Object> page = items("datetime=../" + seeded);
        assertEquals(5, page.get("numberMatched"));
        assertFalse(page.containsKey("numberMatchedEstimate"), "an exact count needs no estimate");
        assertEquals(5, page.get("numberReturned"));
        assertNotNull(page.get("timeStamp"));
        for (Map<String, Object> feature : features(page)) {
            Map<String, Object> properties = (Map<String, Object>) feature.get("properties");
            assertEquals(PROPERTIES, properties.keySet());
            assertEquals(feature.get("id"), properties.get("tracking_number"));
            assertEquals("Point", ((Map<String, Object>) feature.get("geometry")).get("type"));
        }
        assertEquals(Set.copyOf(concat(potholes, lights)), Set.copyOf(ids(page)));
    }

    @Test
    void aBboxSelectsByTheGeneralizedPoint() {
        double lat = Reports.LAT;
        double lon = Reports.LON;
        assertEquals(Set.copyOf(potholes), Set.copyOf(ids(items("bbox=" + (lon - 0.01) + "," + (lat - 0.01) + ","
                + (lon + 0.01) + "," + (lat + 0.01) + "&datetime=../" + seeded))));
        assertEquals(List.of(), ids(items("bbox=10,10,11,11")));
        assertEquals(Set.copyOf(potholes), Set.copyOf(ids(items("bbox=" + (lon - 0.01) + "," + (lat - 0.01) + ","
                + (lon + 0.01) + "," + (lat + 0.01) + "&bbox-crs=" + encode("http://www.opengis.net/def/crs/OGC/1.3/CRS84")
                + "&datetime=../" + seeded))));
    }

    @Test
    void datetimeIsOnReceivedAt() {
        assertEquals(List.of(), ids(items("datetime=../2000-01-01T00:00:00Z")));
        assertEquals(5, ids(items("datetime=2000-01-01T00:00:00Z/" + seeded)).size());
    }

    @Test
    void eachPropertyFilterTakesOneOrMoreValues() {
        String upTo = "&datetime=../" + seeded;
        assertEquals(Set.copyOf(potholes), Set.copyOf(ids(items("service_code=pothole" + upTo))));
        assertEquals(5, ids(items("service_code=pothole,streetlight-out" + upTo)).size());
        assertEquals(5, ids(items("status=received" + upTo)).size());
        assertEquals(List.of(), ids(items("status=closed" + upTo)));
        assertEquals(Set.copyOf(potholes), Set.copyOf(ids(items("department=streets" + upTo))));
        assertEquals(5, ids(items("channel=mobile_app" + upTo)).size());
        assertEquals(List.of(), ids(items("channel=phone" + upTo)));
        assertTrue(ids(items("district=5" + upTo)).containsAll(potholes), "the potholes lie in district 5");
        assertEquals(List.of(), ids(items("district=no-such-district" + upTo)));
    }

    @Test
    void aCql2FilterSelectsAndAWrongOneIsA400() {
        assertEquals(Set.copyOf(lights), Set.copyOf(ids(items("filter=" + encode(
                "service_code IN ('streetlight-out') AND me_too_count >= 0 AND NOT status = 'closed'")
                + "&datetime=../" + seeded))));
        HttpResponse<byte[]> wrong = ogc.get(ITEMS + "?filter=" + encode("service_code = "));
        assertEquals(400, wrong.statusCode());
        assertEquals("application/problem+json", wrong.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("urn:curbside:problem:invalid-filter", ogc.json(wrong).get("type"));
        assertPrivate(wrong);
        HttpResponse<byte[]> unknown = ogc.get(ITEMS + "?filter=" + encode("contact_email = 'x'"));
        assertEquals(400, unknown.statusCode());
        assertEquals("urn:curbside:problem:invalid-filter", ogc.json(unknown).get("type"));
        assertEquals(400, ogc.get(ITEMS + "?servicecode=pothole").statusCode(), "a misspelt filter is refused");
        assertEquals(400, ogc.get(ITEMS + "?cursor=forged").statusCode());
    }

    @Test
    void numberMatchedCountsEveryMatchWhenFewAreBeyondThePage() {
        Map<String, Object> first = items("limit=2&datetime=../" + seeded);
        assertEquals(2, first.get("numberReturned"));
        assertEquals(5, first.get("numberMatched"), "counted, not only what the page holds");
        assertFalse(first.containsKey("numberMatchedEstimate"));
        Map<String, Object> second = ogc.json(checked(ogc.get(nextLink(first))));
        assertEquals(5, second.get("numberMatched"), "the same on a later page");
        assertFalse(second.containsKey("numberMatchedEstimate"));
    }

    @Test
    void aLimitAboveTheMaximumIsReadAsTheMaximum() {
        assertEquals(5, items("limit=50000&datetime=../" + seeded).get("numberReturned"));
    }

    @Test
    void pagingIsStableWhileRequestsAreFiledDuringTheWalk() {
        Set<String> atStart = Set.copyOf(ids(items("limit=100")));
        List<String> seen = new ArrayList<>();
        List<List<String>> pages = new ArrayList<>();
        Map<String, Object> page = items("limit=2");
        String lastPage = null;
        while (true) {
            List<String> ids = ids(page);
            pages.add(ids);
            seen.addAll(ids);
            file(Reports.of("noise-complaint").answer("source", "music").answer("last-heard", "2026-11-20T23:00"));
            String next = nextLink(page);
            if (next == null) {
                break;
            }
            lastPage = next;
            page = ogc.json(checked(ogc.get(next)));
            assertEquals(List.of(), OgcShapes.featureCollection(page));
        }
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no feature twice: " + seen);
        assertTrue(seen.containsAll(atStart), "no feature of the start missed: " + seen + " vs " + atStart);
        assertNotNull(lastPage);
        // Back from the page after the first: the prev link gives the first page again.
        Map<String, Object> second = ogc.json(checked(ogc.get(nextLink(items("limit=2")))));
        String prev = OgcClient.link(second, "prev", "application/geo+json");
        assertEquals(pages.get(0), ids(ogc.json(checked(ogc.get(prev)))));
        assertNull(link(items("limit=2"), "prev"), "the first page has none before it");
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneItemByTrackingNumberAnd404ForAnUnknownOne() {
        HttpResponse<byte[]> answer = checked(ogc.get(ITEMS + "/" + potholes.get(0)));
        Map<String, Object> feature = ogc.json(answer);
        assertEquals(List.of(), OgcShapes.feature(feature));
        assertEquals(potholes.get(0), feature.get("id"));
        assertEquals(PROPERTIES, ((Map<String, Object>) feature.get("properties")).keySet());
        String page = new String(ogc.get(ITEMS + "/" + potholes.get(0) + "?f=html").body(), StandardCharsets.UTF_8);
        assertTrue(page.contains("council_districts"), "the districts as data, not as an object's name: " + page);
        assertFalse(page.contains("io.micronaut"), page);
        HttpResponse<byte[]> missing = ogc.get(ITEMS + "/CS-0000-0000");
        assertEquals(404, missing.statusCode());
        assertEquals("urn:curbside:problem:not-found", ogc.json(missing).get("type"));
        // Not a tracking number at all: a NUL the database refuses (once a 500), an overlong id.
        for (String odd : List.of("CS-%00", "CS-7K4M-%E2%80%A8", "x".repeat(41))) {
            HttpResponse<byte[]> none = ogc.get(ITEMS + "/" + odd);
            assertEquals(404, none.statusCode(), odd);
            // Read as bytes: the problem's instance names the path as sent, NUL and all (escaped).
            assertTrue(new String(none.body(), StandardCharsets.UTF_8).contains("\"urn:curbside:problem:not-found\""), odd);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theQueryablesAndConformanceSayWhatAFilterMayUse() {
        HttpResponse<byte[]> answer = checked(ogc.get("/ogc/collections/service-requests/queryables"));
        assertEquals("application/schema+json", answer.headers().firstValue("Content-Type").orElseThrow());
        Map<String, Object> properties = (Map<String, Object>) ogc.json(answer).get("properties");
        assertTrue(properties.containsKey("service_code"));
        assertFalse(properties.containsKey("withdrawn_at"));
        assertEquals(404, ogc.get("/ogc/collections/council_districts/queryables").statusCode());
        List<String> classes = (List<String>) ogc.json(ogc.get("/ogc/conformance")).get("conformsTo");
        assertTrue(classes.contains("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter"), classes.toString());
        Map<String, Object> collection = ogc.json(checked(ogc.get("/ogc/collections/service-requests")));
        assertEquals(List.of(), OgcShapes.collection(collection));
    }

    private Map<String, Object> items(String query) {
        Map<String, Object> page = ogc.json(checked(ogc.get(ITEMS + "?" + query)));
        assertEquals(List.of(), OgcShapes.featureCollection(page));
        return page;
    }

    /** A 200 whose bytes carry nothing that identifies the reporter. */
    private HttpResponse<byte[]> checked(HttpResponse<byte[]> answer) {
        assertEquals(200, answer.statusCode(), () -> new String(answer.body(), StandardCharsets.UTF_8));
        assertPrivate(answer);
        return answer;
    }

    private static void assertPrivate(HttpResponse<byte[]> answer) {
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        for (String secret : SECRETS) {
            assertFalse(body.contains(secret), secret + " is in a public answer: " + body);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> features(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("features");
    }

    private static List<String> ids(Map<String, Object> page) {
        return features(page).stream().map(f -> (String) f.get("id")).toList();
    }

    private static String nextLink(Map<String, Object> page) {
        return link(page, "next");
    }

    @SuppressWarnings("unchecked")
    private static String link(Map<String, Object> page, String rel) {
        return ((List<Map<String, Object>>) page.get("links")).stream()
                .filter(l -> rel.equals(l.get("rel")) && "application/geo+json".equals(l.get("type")))
                .map(l -> (String) l.get("href")).findFirst().orElse(null);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
