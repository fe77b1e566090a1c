package io.curbside.api.open311;

import io.curbside.api.ratelimits.ApiKeys;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.curbside.api.testing.RequestsClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.curbside.api.open311.Open311Client.body;
import static io.curbside.api.open311.Open311Client.child;
import static io.curbside.api.open311.Open311Client.children;
import static io.curbside.api.open311.Open311Client.names;
import static io.curbside.api.open311.Open311Client.text;
import static io.curbside.api.open311.Open311Client.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GeoReport v2 over HTTP, in both formats, checked against the spec's documents (element names, nesting,
 * roots, bare JSON arrays, media types) and the open311/schema-validation project's rules (required fields,
 * types, enums), written out here: discovery, services, definitions, POST through the native intake, and
 * its errors.
 */
@MicronautTest(transactional = false)
class Open311Test extends HttpTest {

    static final String JURISDICTION = "demo.curbside.example";
    static final String XML = "text/xml; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";
    /** The spec's elements of a service, in its order. */
    static final List<String> SERVICE = List.of("service_code", "service_name", "description", "metadata", "type",
            "keywords", "group");
    static final List<String> ATTRIBUTE = List.of("variable", "code", "datatype", "required", "datatype_description",
            "order", "description", "values");
    static final Set<String> DATATYPES = Set.of("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist");

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    @Inject
    ApiKeys apiKeys;

    Open311Client open311;
    String key;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new java.util.HashMap<>(People.bootstrapAdmin());
        properties.putAll(Map.of("curbside.open311.jurisdiction-id", JURISDICTION,
                "curbside.open311.contact", "311 developers, api@demo.example",
                "curbside.open311.key-service", "Ask the city's 311 office for a key"));
        return properties;
    }

    /** The spec's elements of a request, in its order. */
    static final List<String> REQUEST = List.of("service_request_id", "status", "status_notes", "service_name",
            "service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
            "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url");
    /** More published requests of the last days than one answer holds, and one older than the default 90 days. */
    static final int RECENT = 1005;

    @BeforeAll
    void client() throws SQLException {
        open311 = new Open311Client(server.getPort(), mapper);
        key = apiKeys.issue("Open311 test app", null, null).secret();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO opendata.published_request (tracking_number, service_code, service_name, department,
                        districts, district_codes, status, received_at, updated_at, me_too_count, channel, location,
                        location_precision_m, description)
                    SELECT 'OLDER-' || g, 'graffiti', 'Graffiti', 'streets', '{"council_districts": "5"}', '{5}',
                        CASE WHEN g = 0 THEN 'received' ELSE 'closed' END,
                        now() - interval '1 hour' - g * interval '5 minutes', now(), 0, 'phone',
                        ST_SetSRID(ST_MakePoint(-82.99, 39.99), 4326), 100, 'Paint on the wall'
                    FROM generate_series(0, %d) AS g""".formatted(RECENT - 1));
            s.execute("""
                    INSERT INTO opendata.published_request (tracking_number, service_code, service_name, department,
                        districts, district_codes, status, received_at, updated_at, me_too_count, channel, location,
                        location_precision_m, description)
                    VALUES ('ANCIENT-1', 'graffiti', 'Graffiti', 'streets', '{"council_districts": "5"}', '{5}', 'received',
                        now() - interval '100 days', now() - interval '100 days', 0, 'phone',
                        ST_SetSRID(ST_MakePoint(-82.99, 39.99), 4326), 100, 'Old paint')""");
        }
    }

    List<String> ids(HttpResponse<byte[]> answer) {
        isJson(answer, 200);
        return open311.jsonList(answer).stream().map(r -> (String) r.get("service_request_id")).toList();
    }

    /** A pothole as an Open311 client files it, with the fields given after the required ones. */
    List<String> pothole(String... more) {
        List<String> fields = new ArrayList<>(List.of("api_key", key, "jurisdiction_id", JURISDICTION,
                "service_code", "pothole", "lat", String.valueOf(Reports.LAT), "long", String.valueOf(Reports.LON),
                "attribute[size]", "large"));
        fields.addAll(List.of(more));
        return fields;
    }

    String file(List<String> fields) {
        HttpResponse<byte[]> filed = open311.post("/open311/v2/requests.json", fields);
        assertEquals(200, filed.statusCode(), () -> body(filed));
        return (String) open311.jsonList(filed).get(0).get("service_request_id");
    }

    static void isJson(HttpResponse<byte[]> answer, int status) {
        assertEquals(status, answer.statusCode(), () -> body(answer));
        assertEquals(JSON, answer.headers().firstValue("Content-Type").orElse(""));
    }

    static Element isXml(HttpResponse<byte[]> answer, int status, String root) {
        assertEquals(status, answer.statusCode(), () -> body(answer));
        assertEquals(XML, answer.headers().firstValue("Content-Type").orElse(""));
        assertTrue(body(answer).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), body(answer));
        Document document = xml(answer);
        assertEquals(root, document.getDocumentElement().getTagName());
        return document.getDocumentElement();
    }

    /** An Open311 error answer: a list of code (the status) and description, in JSON and in XML. */
    void isError(HttpResponse<byte[]> answer, int status, String words) {
        String format = answer.uri().getPath().endsWith(".xml") ? "xml" : "json";
        if (format.equals("xml")) {
            Element errors = isXml(answer, status, "errors");
            List<Element> each = children(errors);
            assertFalse(each.isEmpty());
            for (Element error : each) {
                assertEquals("error", error.getTagName());
                assertEquals(List.of("code", "description"), names(error));
                assertEquals(String.valueOf(status), text(error, "code"));
            }
            assertTrue(errors.getTextContent().contains(words), () -> body(answer));
        } else {
            isJson(answer, status);
            List<Map<String, Object>> errors = open311.jsonList(answer);
            assertFalse(errors.isEmpty());
            for (Map<String, Object> error : errors) {
                assertEquals(Set.of("code", "description"), error.keySet());
                assertEquals(status, ((Number) error.get("code")).intValue());
                assertTrue(error.get("description") instanceof String);
            }
            assertTrue(body(answer).contains(words), () -> body(answer));
        }
    }

    @Test
    void discoveryNamesTheEndpointItsFormatsAndTheJurisdiction() {
        HttpResponse<byte[]> json = open311.get("/open311/v2/discovery.json");
        isJson(json, 200);
        Map<String, Object> discovery = open311.jsonObject(json);
        assertEquals(JURISDICTION, discovery.get("jurisdiction_id"));
        assertEquals("311 developers, api@demo.example", discovery.get("contact"));
        assertEquals("Ask the city's 311 office for a key", discovery.get("key_service"));
        OffsetDateTime.parse((String) discovery.get("changeset"));
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = ((List<Map<String, Object>>) discovery.get("endpoints")).get(0);
        assertEquals("http://wiki.open311.org/GeoReport_v2", endpoint.get("specification"));
        assertTrue(((String) endpoint.get("url")).endsWith("/open311/v2"), endpoint.toString());
        assertEquals("production", endpoint.get("type"));
        assertEquals(List.of("text/xml", "application/json"), endpoint.get("formats"));

        Element root = isXml(open311.get("/open311/v2/discovery.xml"), 200, "discovery");
        assertEquals(List.of("changeset", "contact", "key_service", "jurisdiction_id", "endpoints"), names(root));
        Element xmlEndpoint = child(child(root, "endpoints"), "endpoint");
        assertEquals(List.of("specification", "url", "changeset", "type", "formats"), names(xmlEndpoint));
        assertEquals(List.of("format", "format"), names(child(xmlEndpoint, "formats")));
        assertEquals("text/xml", children(child(xmlEndpoint, "formats")).get(0).getTextContent());
    }

    @Test
    void servicesAreTheCatalogInBothFormatsAndTheCallersLanguage() {
        HttpResponse<byte[]> json = open311.get("/open311/v2/services.json?jurisdiction_id=" + JURISDICTION);
        isJson(json, 200);
        assertTrue(body(json).startsWith("["), "a bare array");
        List<Map<String, Object>> services = open311.jsonList(json);
        assertTrue(services.size() >= 20, "the demo catalog's services: " + services.size());
        for (Map<String, Object> s : services) {
            assertTrue(SERVICE.containsAll(s.keySet()), s.toString());
            for (String required : List.of("service_code", "service_name", "metadata", "type")) {
                assertNotNull(s.get(required), required + " of " + s);
            }
            assertTrue(s.get("metadata") instanceof Boolean);
            assertTrue(Set.of("realtime", "batch", "blackbox").contains(s.get("type")));
        }
        Map<String, Object> pothole = services.stream().filter(s -> s.get("service_code").equals("pothole")).findFirst().orElseThrow();
        assertEquals("Pothole", pothole.get("service_name"));
        assertEquals(true, pothole.get("metadata"));
        assertEquals("realtime", pothole.get("type"));
        assertTrue(((String) pothole.get("keywords")).startsWith("pothole, hole, road"), pothole.toString());
        assertNotNull(pothole.get("group"));

        HttpResponse<byte[]> xmlAnswer = open311.get("/open311/v2/services.xml");
        Element root = isXml(xmlAnswer, 200, "services");
        List<Element> xmlServices = children(root);
        assertEquals(services.size(), xmlServices.size());
        for (Element s : xmlServices) {
            assertEquals("service", s.getTagName());
            assertEquals(SERVICE, names(s));
            assertTrue(Set.of("true", "false").contains(text(s, "metadata")));
        }
        assertEquals("pothole", text(xmlServices.stream().filter(s -> text(s, "service_name").equals("Pothole"))
                .findFirst().orElseThrow(), "service_code"));

        HttpResponse<byte[]> spanish = open311.get("/open311/v2/services.json", "Accept-Language", "es");
        assertEquals("es", spanish.headers().firstValue("Content-Language").orElse(""));
        assertTrue(open311.jsonList(spanish).stream().anyMatch(s -> "Bache".equals(s.get("service_name"))));
    }

    @Test
    void aDefinitionListsTheQuestionsAsAttributes() {
        HttpResponse<byte[]> json = open311.get("/open311/v2/services/pothole.json");
        isJson(json, 200);
        Map<String, Object> definition = open311.jsonObject(json);
        assertEquals("pothole", definition.get("service_code"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attributes = (List<Map<String, Object>>) definition.get("attributes");
        assertEquals(2, attributes.size());
        for (Map<String, Object> a : attributes) {
            assertTrue(ATTRIBUTE.containsAll(a.keySet()), a.toString());
            assertTrue(a.get("variable") instanceof Boolean && a.get("required") instanceof Boolean, a.toString());
            assertTrue(DATATYPES.contains(a.get("datatype")), a.toString());
        }
        Map<String, Object> size = attributes.get(0);
        assertEquals("size", size.get("code"));
        assertEquals(true, size.get("variable"));
        assertEquals("singlevaluelist", size.get("datatype"));
        assertEquals(true, size.get("required"));
        assertEquals(1, ((Number) size.get("order")).intValue());
        assertEquals("About how big is the pothole?", size.get("description"));
        assertEquals(List.of(Map.of("key", "small", "name", "Smaller than a dinner plate"),
                Map.of("key", "medium", "name", "About the size of a car tire"),
                Map.of("key", "large", "name", "Bigger than a car tire")), size.get("values"));
        assertEquals(false, attributes.get(1).get("required"));

        Element root = isXml(open311.get("/open311/v2/services/pothole.xml", "Accept-Language", "es"), 200,
                "service_definition");
        assertEquals(List.of("service_code", "attributes"), names(root));
        List<Element> xmlAttributes = children(child(root, "attributes"));
        assertEquals(List.of("attribute", "attribute"), xmlAttributes.stream().map(Element::getTagName).toList());
        Element first = xmlAttributes.get(0);
        assertEquals(ATTRIBUTE, names(first));
        assertEquals("true", text(first, "required"));
        assertEquals("1", text(first, "order"));
        assertEquals("¿Más o menos de qué tamaño es el hoyo?", text(first, "description"));
        List<Element> values = children(child(first, "values"));
        assertEquals(3, values.size());
        assertEquals("value", values.get(0).getTagName());
        assertEquals(List.of("key", "name"), names(values.get(0)));
        assertEquals("small", text(values.get(0), "key"));
        assertEquals("Más pequeño que un plato", text(values.get(0), "name"));

        Map<String, Object> encampment = open311.jsonObject(open311.get("/open311/v2/services/encampment-concern.json"));
        assertTrue(encampment.toString().contains("multivaluelist"), encampment.toString());
    }

    @Test
    void whatDoesNotExistIsAnOpen311NotFoundInTheAskedFormat() {
        isError(open311.get("/open311/v2/services/no-such-service.json"), 404, "no-such-service");
        isError(open311.get("/open311/v2/services/no-such-service.xml"), 404, "no-such-service");
        isError(open311.get("/open311/v2/services.json?jurisdiction_id=elsewhere.example"), 404, JURISDICTION);
        isError(open311.get("/open311/v2/discovery.xml?jurisdiction_id=elsewhere.example"), 404, JURISDICTION);
        isError(open311.get("/open311/v2/services.html"), 404, ".xml or .json");
        isError(open311.get("/open311/v2/nothing-here.json"), 404, "");
        // An empty jurisdiction_id is no jurisdiction_id.
        isJson(open311.get("/open311/v2/services.json?jurisdiction_id="), 200);
    }

    @Test
    void aPostIsFiledByTheNativeIntakeAndIsTheSameRequestThere() {
        HttpResponse<byte[]> filed = open311.post("/open311/v2/requests.json", pothole("attribute[location-in-road]",
                "bike-lane", "description", "Deep hole by the bus stop", "email", "opal.reporter@example.org",
                "first_name", "Opal", "last_name", "Reporterly", "phone", "+1 614 555 0142", "device_id", "device-open311-1",
                "account_id", "client-account-77"), "Accept-Language", "es");
        isJson(filed, 200);
        assertTrue(body(filed).startsWith("["), "a bare array");
        List<Map<String, Object>> answer = open311.jsonList(filed);
        assertEquals(1, answer.size());
        String number = (String) answer.get(0).get("service_request_id");
        assertTrue(number.matches("CS-[0-9A-Z]{4}-[0-9A-Z]{4}"), number);
        String notice = (String) answer.get(0).get("service_notice");
        assertNotNull(notice);
        assertTrue(notice.contains(number), "what happens next names the number: " + notice);
        assertTrue(Set.of("service_request_id", "service_notice", "account_id").containsAll(answer.get(0).keySet()));
        assertTrue(answer.get(0).get("account_id") == null, "filed without a Curbside account");

        // The same request in the native API, with what was sent.
        Map<String, Object> status = requests.status(number);
        assertEquals("pothole", ((Map<?, ?>) status.get("service")).get("code"));
        assertEquals("received", status.get("status"));

        // And in the Open311 reads, published: the generalized point, the text, no contact.
        HttpResponse<byte[]> read = open311.get("/open311/v2/requests/" + number + ".json");
        isJson(read, 200);
        Map<String, Object> published = open311.jsonList(read).get(0);
        assertEquals(number, published.get("service_request_id"));
        assertEquals("open", published.get("status"));
        assertEquals("pothole", published.get("service_code"));
        assertEquals("Deep hole by the bus stop", published.get("description"));
        assertNotEquals(Reports.LAT, ((Number) published.get("lat")).doubleValue());
        assertEquals(Reports.LAT, ((Number) published.get("lat")).doubleValue(), 0.01);
        for (String personal : List.of("opal.reporter", "Opal", "Reporterly", "555 0142", "device-open311-1",
                "client-account-77")) {
            assertFalse(body(read).contains(personal), personal + " in " + body(read));
        }

        HttpResponse<byte[]> xmlFiled = open311.post("/open311/v2/requests.xml", pothole());
        Element root = isXml(xmlFiled, 200, "service_requests");
        Element request = child(root, "request");
        assertEquals(List.of("service_request_id", "service_notice", "account_id"), names(request));
        assertTrue(text(request, "service_request_id").startsWith("CS-"));
        assertEquals("", text(request, "account_id"));
    }

    @Test
    void listAttributesAndNumbersAreTheNativeAnswers() {
        String number = file(List.of("api_key", key, "service_code", "encampment-concern",
                "lat", String.valueOf(Reports.LAT), "long", String.valueOf(Reports.LON),
                "attribute[concern][]", "blocking", "attribute[concern][]", "trash", "attribute[count]", "3"));
        assertTrue(number.startsWith("CS-"));
        // A multivaluelist key that is not one of the values is the native check's refusal, named as Open311 names it.
        HttpResponse<byte[]> wrong = open311.post("/open311/v2/requests.json", List.of("api_key", key,
                "service_code", "encampment-concern", "lat", String.valueOf(Reports.LAT), "long", String.valueOf(Reports.LON),
                "attribute[concern][]", "no-such-key"));
        isError(wrong, 422, "attribute[concern]");
    }

    @Test
    void refusalsAreOpen311ErrorsWithTheSpecsStatuses() {
        List<String> noKey = new ArrayList<>(pothole());
        noKey.subList(0, 2).clear();
        isError(open311.post("/open311/v2/requests.json", noKey), 400, "api_key");
        isError(open311.post("/open311/v2/requests.xml", noKey), 400, "api_key");
        List<String> wrongKey = pothole();
        wrongKey.set(1, "cs_live_notARealKeyAtAll0000000000000000");
        isError(open311.post("/open311/v2/requests.json", wrongKey), 403, "api_key");
        isError(open311.post("/open311/v2/requests.xml", noKey, "X-Api-Key", "cs_wrong_key_0000000000000000"), 403, "");
        // The key may come as the query parameter or the header instead of the form field.
        assertEquals(200, open311.post("/open311/v2/requests.json?api_key=" + key, noKey).statusCode());
        assertEquals(200, open311.post("/open311/v2/requests.json", noKey, "X-Api-Key", key).statusCode());

        isError(open311.post("/open311/v2/requests.json", List.of("api_key", key, "lat", "39.99", "long", "-82.99")),
                400, "service_code");
        isError(open311.post("/open311/v2/requests.json", List.of("api_key", key, "service_code", "no-such",
                "lat", "39.99", "long", "-82.99")), 404, "no-such");
        isError(open311.post("/open311/v2/requests.json", List.of("api_key", key, "service_code", "pothole",
                "address_string", "120 Oak St", "attribute[size]", "large")), 400, "address_string");
        isError(open311.post("/open311/v2/requests.json", List.of("api_key", key, "service_code", "pothole",
                "attribute[size]", "large")), 400, "lat");
        isError(open311.post("/open311/v2/requests.json", pothole("media_url", "https://example.org/p.jpg")), 400,
                "media_url");
        isError(open311.post("/open311/v2/requests.json", List.of("api_key", key, "service_code", "pothole",
                "lat", "39.99", "long", "-82.99")), 422, "attribute[size]");
        List<String> farAway = pothole();
        farAway.set(7, "95");
        isError(open311.post("/open311/v2/requests.json", farAway), 422, "lat");
        List<String> notANumber = pothole();
        notANumber.set(7, "0x1p5");
        isError(open311.post("/open311/v2/requests.xml", notANumber), 400, "lat");
        isError(open311.post("/open311/v2/requests.json", pothole("jurisdiction_id", "elsewhere")), 400, "jurisdiction_id");
        List<String> otherCity = pothole();
        otherCity.set(3, "elsewhere.example");
        isError(open311.post("/open311/v2/requests.json", otherCity), 404, JURISDICTION);
        isError(open311.postRaw("/open311/v2/requests.json", "api_key=" + key + "&service_code=%zz"), 400, "%");
        // One question answered both as one value and as a list: neither is taken (it was a 500).
        isError(open311.post("/open311/v2/requests.json", pothole("attribute[size][]", "small")), 400, "attribute[size]");
    }

    @Test
    void anIdempotencyKeyFilesOnce() {
        String idempotencyKey = UUID.randomUUID().toString();
        HttpResponse<byte[]> first = open311.post("/open311/v2/requests.json", pothole(), "Idempotency-Key", idempotencyKey);
        HttpResponse<byte[]> again = open311.post("/open311/v2/requests.json", pothole(), "Idempotency-Key", idempotencyKey);
        isJson(first, 200);
        isJson(again, 200);
        assertEquals(open311.jsonList(first).get(0).get("service_request_id"),
                open311.jsonList(again).get(0).get("service_request_id"));
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
        isError(open311.post("/open311/v2/requests.json", pothole("description", "another"), "Idempotency-Key",
                idempotencyKey), 422, "");
        // Another client's key with the same Idempotency-Key and body files its own request: keys are per client.
        String otherApp = apiKeys.issue("Another Open311 app", null, null).secret();
        List<String> sameBody = pothole();
        sameBody.set(1, otherApp);
        HttpResponse<byte[]> other = open311.post("/open311/v2/requests.json", sameBody, "Idempotency-Key", idempotencyKey);
        isJson(other, 200);
        assertNotEquals(open311.jsonList(first).get(0).get("service_request_id"),
                open311.jsonList(other).get(0).get("service_request_id"));
        assertFalse(other.headers().firstValue("Idempotent-Replayed").isPresent());
    }

    /** The reads are open data: cached by a CDN, revalidated by their ETag, varying with the language asked. */
    @Test
    void readsCarryTheOpenDataCaching() {
        for (String path : List.of("/open311/v2/services.json", "/open311/v2/services.xml", "/open311/v2/requests.json")) {
            HttpResponse<byte[]> first = open311.get(path);
            assertEquals(200, first.statusCode(), path);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertTrue(first.headers().firstValue("Cache-Control").orElseThrow().startsWith("public, max-age="), path);
            assertTrue(first.headers().firstValue("Vary").orElseThrow().contains("Accept-Language"), path);
            assertEquals(304, open311.get(path, "If-None-Match", etag).statusCode(), path);
        }
    }

    @Test
    void aTokenIsTheTrackingNumber() {
        String number = file(pothole());
        HttpResponse<byte[]> json = open311.get("/open311/v2/tokens/" + number + ".json");
        isJson(json, 200);
        assertEquals(List.of(Map.of("service_request_id", number, "token", number)), open311.jsonList(json));
        Element request = child(isXml(open311.get("/open311/v2/tokens/" + number + ".xml"), 200, "service_requests"),
                "request");
        assertEquals(List.of("service_request_id", "token"), names(request));
        isError(open311.get("/open311/v2/tokens/CS-0000-0000.json"), 404, "token");
    }

    @Test
    void requestsAreThePublishedRowsWithTheSpecsDefaultsAndFilters() {
        String first = file(pothole("description", "First of two"));
        String second = file(pothole("description", "Second of two"));

        HttpResponse<byte[]> all = open311.get("/open311/v2/requests.json");
        List<String> listed = ids(all);
        assertEquals(1000, listed.size(), "at most 1,000 by default");
        assertTrue(listed.indexOf(second) < listed.indexOf(first) && listed.indexOf(first) >= 0, "newest first");
        assertFalse(listed.contains("ANCIENT-1"), "the last 90 days by default");
        for (Map<String, Object> r : open311.jsonList(all)) {
            assertTrue(REQUEST.containsAll(r.keySet()), r.toString());
            for (String required : List.of("service_request_id", "status", "service_code", "requested_datetime")) {
                assertNotNull(r.get(required), required + " of " + r);
            }
            assertTrue(Set.of("open", "closed").contains(r.get("status")), r.toString());
            OffsetDateTime.parse((String) r.get("requested_datetime"));
        }
        // Every parameter empty is every parameter absent.
        HttpResponse<byte[]> empty = open311.get("/open311/v2/requests.json?service_request_id=&service_code=&start_date="
                + "&end_date=&status=&jurisdiction_id=");
        assertEquals(body(all), body(empty));

        // A list of ids overrides every other parameter, old requests too.
        assertEquals(Set.of(first, second, "ANCIENT-1"), Set.copyOf(ids(open311.get("/open311/v2/requests.json?service_request_id="
                + first + "," + second + ",ANCIENT-1&service_code=graffiti&status=closed&end_date=2020-01-01T00:00:00Z"))));
        assertEquals(List.of(), ids(open311.get("/open311/v2/requests.json?service_request_id=CS-0000-0000")));

        assertTrue(ids(open311.get("/open311/v2/requests.json?service_code=graffiti")).stream().allMatch(id -> id.startsWith("OLDER-")));
        List<String> both = ids(open311.get("/open311/v2/requests.json?service_code=graffiti,pothole"));
        assertTrue(both.contains(first) && both.contains("OLDER-1"));
        List<String> closed = ids(open311.get("/open311/v2/requests.json?status=closed"));
        assertFalse(closed.contains(first) || closed.contains("OLDER-0"));
        assertTrue(closed.contains("OLDER-1"));
        List<String> open = ids(open311.get("/open311/v2/requests.json?status=open&service_code=graffiti,pothole"));
        assertTrue(open.contains(first) && open.contains("OLDER-0") && !open.contains("OLDER-1"));
        assertEquals(1000, ids(open311.get("/open311/v2/requests.json?status=open,closed")).size());

        String since = OffsetDateTime.now(ZoneOffset.ofHours(-5)).minusMinutes(30).withNano(0).toString();
        List<String> recent = ids(open311.get("/open311/v2/requests.json?start_date=" + encoded(since)));
        assertTrue(recent.contains(first) && recent.contains(second) && !recent.contains("OLDER-0"), recent.toString());
        assertEquals(List.of("ANCIENT-1"), ids(open311.get("/open311/v2/requests.json?start_date="
                + encoded(OffsetDateTime.now(ZoneOffset.UTC).minusDays(101).toString()) + "&end_date="
                + encoded(OffsetDateTime.now(ZoneOffset.UTC).minusDays(20).toString()))));

        isError(open311.get("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z"),
                400, "90 days");
        isError(open311.get("/open311/v2/requests.xml?start_date=2026-01-01T00:00:00"), 400, "start_date");
        isError(open311.get("/open311/v2/requests.json?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"),
                400, "end_date");
        isError(open311.get("/open311/v2/requests.json?status=pending"), 400, "status");
        isError(open311.get("/open311/v2/requests.json?service_code=a&service_code=b"), 400, "service_code");
        isError(open311.get("/open311/v2/requests.json?service_code=a%01b"), 400, "service_code");

        Element root = isXml(open311.get("/open311/v2/requests.xml?service_request_id=" + first), 200, "service_requests");
        Element request = child(root, "request");
        assertEquals(REQUEST, names(request));
        assertEquals(first, text(request, "service_request_id"));
        assertEquals("open", text(request, "status"));
        assertEquals("First of two", text(request, "description"));
        assertEquals(Reports.LAT, Double.parseDouble(text(request, "lat")), 0.01);
        assertEquals(Reports.LON, Double.parseDouble(text(request, "long")), 0.01);
        assertTrue(OffsetDateTime.parse(text(request, "requested_datetime")).getOffset().getTotalSeconds() != 0,
                "in the city's offset (America/New_York)");
        assertEquals("", text(request, "address_id"));
        isError(open311.get("/open311/v2/requests/CS-0000-0000.xml"), 404, "CS-0000-0000");
    }

    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aMultipartPostCarriesPhotosThroughThePhotoChecks() throws Exception {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 10, 0x00FF00);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        HttpResponse<byte[]> filed = open311.postMultipart("/open311/v2/requests.xml",
                pothole("description", "With a photo"), List.of(jpeg.toByteArray()));
        String number = text(child(isXml(filed, 200, "service_requests"), "request"), "service_request_id");
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM request_photo p JOIN service_request r ON r.id = p.request_id"
                     + " WHERE r.tracking_number = '" + number + "'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the photo is the request's");
        }
        assertEquals("With a photo", open311.jsonList(open311.get("/open311/v2/requests/" + number + ".json")).get(0)
                .get("description"));
        // Without photos, a multipart form is the form-encoded POST.
        assertEquals(200, open311.postMultipart("/open311/v2/requests.json", pothole(), List.of()).statusCode());
        HttpResponse<byte[]> notAPhoto = open311.postMultipart("/open311/v2/requests.json", pothole(),
                List.of("not a picture".getBytes(StandardCharsets.UTF_8)));
        // The native photo checks' own status: 415 for what is no image type, 422 for an image that does not read.
        assertTrue(Set.of(415, 422).contains(notAPhoto.statusCode()), () -> body(notAPhoto));
        isError(notAPhoto, notAPhoto.statusCode(), "media");
    }

    @Test
    void aRequestFiledThroughOpen311IsInTheOpenData() {
        String number = file(pothole("description", "Seen in the open data"));
        HttpResponse<byte[]> item = open311.get("/ogc/collections/service-requests/items/" + number + "?f=json");
        assertEquals(200, item.statusCode(), () -> body(item));
        assertTrue(body(item).contains("Seen in the open data"), body(item));
        assertTrue(body(item).contains("\"pothole\""), body(item));
    }

    /** The path and query of the link of that rel in the Link header, or null. */
    static String link(HttpResponse<byte[]> answer, String rel) {
        for (String link : answer.headers().firstValue("Link").orElse("").split(", ")) {
            if (link.endsWith("rel=\"" + rel + "\"")) {
                String url = link.substring(1, link.indexOf('>'));
                return url.substring(url.indexOf("/open311/"));
            }
        }
        return null;
    }

    @Test
    void pagesAreNumberedAndLinked() {
        HttpResponse<byte[]> first = open311.get("/open311/v2/requests.json?service_code=graffiti&page_size=400&api_key=" + key);
        List<String> one = ids(first);
        assertEquals(400, one.size());
        assertEquals(null, link(first, "prev"));
        String next = link(first, "next");
        assertNotNull(next, first.headers().toString());
        assertTrue(next.contains("service_code=graffiti") && next.contains("page=2") && next.contains("page_size=400"), next);
        assertFalse(first.headers().firstValue("Link").orElse("").contains(key), "the API key is never in a link");
        HttpResponse<byte[]> second = open311.get(next);
        List<String> two = ids(second);
        assertEquals(400, two.size());
        assertNotNull(link(second, "prev"));
        HttpResponse<byte[]> third = open311.get(link(second, "next"));
        List<String> three = ids(third);
        assertEquals(RECENT - 800, three.size());
        assertEquals(null, link(third, "next"), "the last page");
        Set<String> all = new java.util.HashSet<>(one);
        all.addAll(two);
        all.addAll(three);
        assertEquals(RECENT, all.size(), "every graffiti request once");
        assertEquals(50, ids(open311.get("/open311/v2/requests.json?page=1")).size(), "50 to a page by default");
        isError(open311.get("/open311/v2/requests.json?page_size=501"), 400, "page_size");
        isError(open311.get("/open311/v2/requests.xml?page=0"), 400, "page");
        isError(open311.get("/open311/v2/requests.json?page=two"), 400, "page");
    }

    @Test
    void updatedPlaceAndExtensionsFilterAndExtend() {
        String number = file(pothole("description", "Extended"));
        // Incremental sync: what changed in the window, however long ago it was received.
        assertEquals(List.of("ANCIENT-1"), ids(open311.get("/open311/v2/requests.json?updated_after="
                + encoded(OffsetDateTime.now(ZoneOffset.UTC).minusDays(101).toString()) + "&updated_before="
                + encoded(OffsetDateTime.now(ZoneOffset.UTC).minusDays(99).toString()))));
        assertTrue(ids(open311.get("/open311/v2/requests.json?updated_after="
                + encoded(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString()))).contains(number));
        isError(open311.get("/open311/v2/requests.json?updated_after=yesterday"), 400, "updated_after");
        // Years the parser takes but PostgreSQL does not (they were a 500).
        isError(open311.get("/open311/v2/requests.json?updated_after=%2B300000-01-01T00:00:00Z"), 400, "updated_after");
        isError(open311.get("/open311/v2/requests.json?start_date=-5000-01-01T00:00:00Z"), 400, "start_date");

        String around = (Reports.LON - 0.01) + "," + (Reports.LAT - 0.01) + "," + (Reports.LON + 0.01) + "," + (Reports.LAT + 0.01);
        assertTrue(ids(open311.get("/open311/v2/requests.json?service_code=pothole&bbox=" + around)).contains(number));
        assertFalse(ids(open311.get("/open311/v2/requests.json?bbox=0,0,1,1")).contains(number));
        isError(open311.get("/open311/v2/requests.json?bbox=1,2,3"), 400, "bbox");
        isError(open311.get("/open311/v2/requests.json?bbox=3,2,1,4"), 400, "bbox");
        List<String> circle = ids(open311.get("/open311/v2/requests.json?service_code=pothole,graffiti&lat=" + Reports.LAT
                + "&long=" + Reports.LON + "&radius=300"));
        assertTrue(circle.contains(number) && !circle.contains("OLDER-0"), "the published points within 300 m");
        isError(open311.get("/open311/v2/requests.json?lat=39.99&long=-82.99"), 400, "radius");

        HttpResponse<byte[]> extended = open311.get("/open311/v2/requests/" + number + ".json?extensions=true");
        isJson(extended, 200);
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) open311.jsonList(extended).get(0).get("extended_attributes");
        assertNotNull(attributes, body(extended));
        assertEquals("received", attributes.get("status_detail"));
        assertEquals("streets", attributes.get("department"));
        assertEquals(0, ((Number) attributes.get("me_too_count")).intValue());
        assertFalse(((List<?>) attributes.get("districts")).isEmpty(), attributes.toString());
        assertFalse(open311.jsonList(open311.get("/open311/v2/requests/" + number + ".json")).get(0)
                .containsKey("extended_attributes"), "only when asked");
        Element request = child(isXml(open311.get("/open311/v2/requests.xml?extensions=true&service_request_id=" + number),
                200, "service_requests"), "request");
        assertEquals("extended_attributes", names(request).get(names(request).size() - 1));
        Element xmlAttributes = child(request, "extended_attributes");
        assertEquals("streets", text(xmlAttributes, "department"));
        Element district = child(child(xmlAttributes, "districts"), "district");
        assertEquals(List.of("layer", "code"), names(district));
        isError(open311.get("/open311/v2/requests.json?extensions=maybe"), 400, "extensions");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRequestIsTheSameWhicheverWayItCameAndWhateverStaffDo() {
        String admin = People.token(new People(http).admin());
        String viaOpen311 = file(pothole("description", "Filed via Open311", "email", "kit.caller@example.org",
                "first_name", "Kit", "last_name", "Caller"));
        Map<String, Object> staffView = http.toBlocking().retrieve(HttpRequest.GET("/v1/staff/requests/" + viaOpen311)
                .bearerAuth(admin), RequestsClient.JSON);
        assertEquals("pothole", ((Map<String, Object>) staffView.get("service")).get("code"));
        assertEquals("Filed via Open311", staffView.get("description"));
        assertEquals(Map.of("size", "large"), staffView.get("answers"));
        Map<String, Object> contact = (Map<String, Object>) staffView.get("contact");
        assertEquals("kit.caller@example.org", contact.get("email"), "staff see the contact the Open311 client sent");
        assertEquals("Kit Caller", contact.get("name"));

        String natively = (String) requests.filed(Reports.aPothole().description("Filed natively")).get("tracking_number");
        Map<String, Object> read = open311.jsonList(open311.get("/open311/v2/requests/" + natively + ".json")).get(0);
        assertEquals("Filed natively", read.get("description"));
        assertEquals("open", read.get("status"));

        String etag = http.toBlocking().exchange(HttpRequest.GET("/v1/staff/requests/" + natively).bearerAuth(admin),
                RequestsClient.JSON).getHeaders().get("ETag");
        http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + natively + "/status",
                Map.of("status", "closed", "note", "Filled.", "close_reason", "fixed")).header("If-Match", etag)
                .bearerAuth(admin), RequestsClient.JSON);
        Map<String, Object> closed = open311.jsonList(open311.get("/open311/v2/requests/" + natively
                + ".json?extensions=true")).get(0);
        assertEquals("closed", closed.get("status"));
        assertEquals("fixed", closed.get("status_notes"));
        assertEquals("closed", ((Map<String, Object>) closed.get("extended_attributes")).get("status_detail"));
        assertTrue(ids(open311.get("/open311/v2/requests.json?status=closed&service_code=pothole")).contains(natively));
    }
}
