package io.curbside.api.ogc;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data dictionary: exactly the fields an item of service-requests carries, in their order, each with
 * a type and a description; the cell sizes and the services of each privacy class as this city is
 * configured (here with cells of 150 m and 750 m, which no text could have guessed); both encodings;
 * linked from the landing page and the collection; cached and readable from any site as open data.
 */
@MicronautTest(transactional = false)
class DataDictionaryTest extends HttpTest {

    private static final String PATH = "/v1/opendata/dictionary";

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    private OgcClient ogc;
    private String pothole;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.publication.cell-metres", "150", "curbside.publication.sensitive-cell-metres", "750");
    }

    @BeforeAll
    void seed() {
        ogc = new OgcClient(server.getPort(), mapper);
        pothole = (String) requests.filed(Reports.aPothole().description("Deep hole")).get("tracking_number");
    }

    @Test
    @SuppressWarnings("unchecked")
    void itDescribesEveryPropertyOfAnItemAndNoOther() {
        Map<String, Object> item = ogc.json(ogc.get("/ogc/collections/service-requests/items/" + pothole));
        List<String> published = new ArrayList<>(((Map<String, Object>) item.get("properties")).keySet());
        List<Map<String, Object>> fields = fields(dictionary());
        assertEquals(published, fields.stream().map(f -> (String) f.get("name")).toList(),
                "the dictionary's fields are the item's properties, in their order");
        for (Map<String, Object> field : fields) {
            assertTrue(List.of("string", "number", "boolean", "object", "array").contains(field.get("type")), field.toString());
            assertTrue(field.get("nullable") instanceof Boolean, field.toString());
            assertFalse(((String) field.get("description")).isBlank(), field.toString());
        }
        assertEquals("date-time", field(fields, "received_at").get("format"));
        assertEquals("district", field(fields, "districts").get("filter"), "filtered by the queryable district");
        assertEquals(false, field(fields, "tracking_number").get("nullable"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void itStatesThePrivacyRulesAsThisCityIsConfigured() {
        Map<String, Object> dictionary = dictionary();
        Map<String, Map<String, Object>> classes = new java.util.LinkedHashMap<>();
        ((List<Map<String, Object>>) dictionary.get("privacy_classes")).forEach(c -> classes.put((String) c.get("class"), c));
        assertEquals(List.of("open", "limited", "sensitive", "withheld"), List.copyOf(classes.keySet()));
        assertEquals(150, classes.get("open").get("cell_m"));
        assertEquals(150, classes.get("limited").get("cell_m"));
        assertEquals(750, classes.get("sensitive").get("cell_m"));
        assertNull(classes.get("withheld").get("cell_m"));
        assertEquals(false, classes.get("withheld").get("published"));
        assertEquals("date", classes.get("sensitive").get("times"));
        assertEquals("instant", classes.get("open").get("times"));
        assertEquals(true, classes.get("open").get("description_published"));
        assertEquals(false, classes.get("limited").get("description_published"));
        assertTrue(codes(classes.get("open")).contains("pothole"));
        assertTrue(codes(classes.get("sensitive")).contains("encampment-concern"));
        assertTrue(codes(classes.get("withheld")).contains("welfare-concern"));
        String geometry = (String) ((Map<String, Object>) dictionary.get("geometry")).get("generalization");
        assertTrue(geometry.contains("150 m for open") && geometry.contains("750 m for sensitive"), geometry);
        String times = (String) field(fields(dictionary), "received_at").get("generalization");
        assertTrue(times.contains("sensitive") && times.contains("America/New_York"), times);
        List<Object> markers = ((List<Map<String, Object>>) dictionary.get("scrubbed_from_text")).stream()
                .map(r -> r.get("marker")).toList();
        assertTrue(markers.containsAll(List.of("[email]", "[phone]", "[address]", "[name]")), markers.toString());
        String never = String.join("\n", (List<String>) dictionary.get("never_published"));
        for (String promise : List.of("contact details", "device ids", "account ids", "exact point", "house numbers",
                "photos staff have not made public", "staff notes")) {
            assertTrue(never.contains(promise), promise + " in " + never);
        }
    }

    @Test
    void itIsAnHtmlPageForABrowser() {
        for (String[] ask : List.of(new String[] {PATH + "?f=html"}, new String[] {PATH, "Accept", "text/html"},
                new String[] {PATH, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8"})) {
            HttpResponse<byte[]> page = ask.length == 1 ? ogc.get(ask[0]) : ogc.get(ask[0], ask[1], ask[2]);
            assertEquals(200, page.statusCode(), String.join(" ", ask));
            assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
            String html = new String(page.body(), StandardCharsets.UTF_8);
            for (String expected : List.of("<title>Data dictionary: service requests</title>", "<code>location_precision_m</code>",
                    "750 m for sensitive", "Encampment Concern", "[phone]", "Never published")) {
                assertTrue(html.contains(expected), expected);
            }
        }
        HttpResponse<byte[]> json = ogc.get(PATH, "Accept", "application/json");
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void theLandingPageAndTheCollectionLinkToIt() {
        for (String from : List.of("/ogc", "/ogc/collections/service-requests")) {
            Map<String, Object> document = ogc.json(ogc.get(from + "?f=json"));
            String json = OgcClient.link(document, "describedby", "application/json");
            String html = OgcClient.link(document, "describedby", "text/html");
            assertEquals(200, ogc.get(json).statusCode(), json);
            assertEquals("Data dictionary: service requests", ogc.json(ogc.get(json)).get("title"));
            assertTrue(new String(ogc.get(html).body(), StandardCharsets.UTF_8).startsWith("<!DOCTYPE html>"), html);
        }
    }

    @Test
    void itIsOpenDataCachedAndReadableFromAnySite() {
        HttpResponse<byte[]> answer = ogc.get(PATH, "Origin", "https://newsroom.example");
        assertEquals(200, answer.statusCode());
        assertEquals("*", answer.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(answer.headers().firstValue("Cache-Control").orElseThrow().startsWith("public, max-age="));
        String etag = answer.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, ogc.get(PATH, "If-None-Match", etag).statusCode());
        assertEquals(400, ogc.get(PATH + "?fields=all").statusCode(), "a parameter it does not take");
        assertEquals(400, ogc.get(PATH + "?f=xml").statusCode());
    }

    private Map<String, Object> dictionary() {
        HttpResponse<byte[]> answer = ogc.get(PATH + "?f=json");
        assertEquals(200, answer.statusCode(), () -> new String(answer.body(), StandardCharsets.UTF_8));
        return ogc.json(answer);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fields(Map<String, Object> dictionary) {
        return (List<Map<String, Object>>) dictionary.get("fields");
    }

    private static Map<String, Object> field(List<Map<String, Object>> fields, String name) {
        Map<String, Object> field = fields.stream().filter(f -> name.equals(f.get("name"))).findFirst().orElse(null);
        assertNotNull(field, name);
        return field;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> codes(Map<String, Object> privacyClass) {
        return ((List<Map<String, Object>>) privacyClass.get("services")).stream().map(s -> s.get("code")).toList();
    }
}
