package io.curbside.api.changefeed;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Personal;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.curbside.api.testing.Personal.DESCRIPTION;
import static io.curbside.api.testing.Personal.EMAIL;
import static io.curbside.api.testing.Personal.NAME;
import static io.curbside.api.testing.Personal.PHONE;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /v1/opendata/changes over HTTP, on requests filed with a reporter's name, phone, e-mail and a house
 * number: entries in the order of their changes, shaped as the OGC items route shows them; a changed request
 * moves to the end; a transaction that commits late is not skipped; paging; strict parameters; caching.
 */
@MicronautTest(transactional = false)
class ChangeFeedTest extends HttpTest {

    private static final Duration HORIZON = Duration.ofSeconds(30);

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper mapper;

    private FeedClient feed;
    private int devices;

    @BeforeAll
    void client() {
        feed = new FeedClient(server.getPort(), mapper);
    }

    private String file() {
        return (String) requests.filed(Reports.aPothole().contact(NAME, EMAIL, PHONE).description(DESCRIPTION))
                .get("tracking_number");
    }

    private void meToo(String number) {
        http.toBlocking().exchange(HttpRequest.POST("/v1/requests/" + number + "/me-too",
                Map.of("device_id", "device-" + devices++)), JSON);
    }

    /** The feed from {@code since}, once it lists all of {@code numbers} (a change is listed once its horizon passes). */
    private FeedClient.Walk until(String since, List<String> numbers) {
        return await().atMost(HORIZON).until(() -> feed.walk(since, null), w -> w.numbers().containsAll(numbers));
    }

    @Test
    @SuppressWarnings("unchecked")
    void entriesComeInTheOrderOfTheirChangesAsTheItemsRouteShowsThem() {
        String start = feed.walk(null, null).next();
        List<String> filed = List.of(file(), file(), file());
        FeedClient.Walk walk = until(start, filed);
        assertEquals(filed, walk.numbers(), "in the order they were filed, nothing else changed");
        for (Map<String, Object> entry : walk.entries()) {
            assertEquals(Set.of("tracking_number", "kind", "feature"), entry.keySet());
            assertEquals("published", entry.get("kind"));
            String number = (String) entry.get("tracking_number");
            HttpResponse<byte[]> item = feed.get(FeedClient.ITEMS + "/" + number + "?f=json");
            Map<String, Object> feature = new LinkedHashMap<>(feed.json(item));
            feature.remove("links");
            assertEquals(feature, entry.get("feature"), "the feature as the OGC items route shows it");
            assertEquals("pothole", ((Map<String, Object>) feature.get("properties")).get("service_code"));
        }
        String everything = new String(feed.get(FeedClient.FEED).body(), StandardCharsets.UTF_8);
        Personal.assertNoneIn(everything, "the feed");
        assertFalse(everything.contains("device-"), "a me-too device id is in the feed: " + everything);
    }

    @Test
    void aChangedRequestMovesToTheEnd() {
        String first = file();
        String second = file();
        String head = until(null, List.of(first, second)).next();
        meToo(first);
        FeedClient.Walk since = until(head, List.of(first));
        assertEquals(List.of(first), since.numbers(), "only the change since");
        assertEquals(1, ((Map<?, ?>) ((Map<?, ?>) since.entries().get(0).get("feature")).get("properties")).get("me_too_count"));
        List<String> all = feed.walk(null, null).numbers();
        assertEquals(1, all.stream().filter(first::equals).count(), "listed once, at its latest change");
        assertTrue(all.indexOf(second) < all.indexOf(first), "after the request filed after it: " + all);
    }

    @Test
    void aTransactionThatCommitsLateIsNotSkipped() throws Exception {
        String head = feed.walk(null, null).next();
        String late = "CS-LATE-" + (1000 + devices++);
        FeedClient.Walk during;
        String early;
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("""
                    INSERT INTO opendata.published_request (tracking_number, service_code, service_name, status,
                        received_at, updated_at, me_too_count) VALUES ('%s', 'pothole', 'Pothole', 'received', now(), now(), 0)
                    """.formatted(late));
            early = file();
            during = feed.walk(head, null);
            assertFalse(during.numbers().contains(early),
                    "a change committed after another transaction began waits for it: " + during.numbers());
            c.commit();
        }
        List<String> after = until(during.next(), List.of(late, early)).numbers();
        assertTrue(after.indexOf(late) < after.indexOf(early), "in the order the transactions wrote: " + after);
    }

    @Test
    void transactionIdsAreOrderedAsNumbersNotAsText() throws Exception {
        try (Connection c = connect()) {
            for (String[] row : List.of(new String[] {"CS-ORDER-TEN", "10"}, new String[] {"CS-ORDER-NINE", "9"})) {
                c.createStatement().executeUpdate("""
                        INSERT INTO opendata.published_request (tracking_number, service_code, service_name, status,
                            received_at, updated_at, me_too_count, changed_xid)
                        VALUES ('%s', 'pothole', 'Pothole', 'received', now(), now(), 0, '%s')""".formatted(row[0], row[1]));
            }
        }
        List<String> all = feed.walk(null, null).numbers();
        assertEquals(List.of("CS-ORDER-NINE", "CS-ORDER-TEN"), all.subList(0, 2), "9 before 10: " + all);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pagesOfALimitWalkTheSameEntriesAsOnePage() {
        List<String> filed = List.of(file(), file(), file(), file(), file());
        List<String> whole = until(null, filed).numbers();
        List<String> paged = new ArrayList<>();
        String position = null;
        while (true) {
            Map<String, Object> page = feed.page(position, 2);
            List<Map<String, Object>> entries = (List<Map<String, Object>>) page.get("entries");
            assertTrue(entries.size() <= 2);
            entries.forEach(e -> paged.add((String) e.get("tracking_number")));
            assertNotNull(page.get("next"));
            position = (String) page.get("next");
            if (!(Boolean) page.get("more")) {
                break;
            }
            assertEquals(2, entries.size(), "a page that says more is full");
            assertTrue(((List<Map<String, Object>>) page.get("links")).stream().anyMatch(l -> "next".equals(l.get("rel"))
                    && ((String) l.get("href")).endsWith("since=" + page.get("next") + "&limit=2")));
        }
        assertEquals(whole, paged);
        Map<String, Object> empty = feed.page(position, 2);
        assertEquals(List.of(), empty.get("entries"));
        assertEquals(position, empty.get("next"), "an empty page gives back the position it was given");
        assertEquals(false, empty.get("more"));
    }

    @Test
    void anythingButAPositionOrALimitFromOneToTenThousandIsA400() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String made = base64.encodeToString("f1:12:CS-7K4M-Q2XD".getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, feed.get(FeedClient.FEED + "?since=" + made).statusCode(), "a well-formed position reads");
        for (String since : List.of("", "x", "ZjE6MDo=", "ZjE6MDp", base64.encodeToString("f1:012:CS-7K4M".getBytes()),
                base64.encodeToString("f2:12:CS-7K4M".getBytes()), base64.encodeToString("f1:12:".getBytes()),
                base64.encodeToString("f1:0:CS-1".getBytes()), base64.encodeToString("f1:99999999999999999999:CS-1".getBytes()),
                base64.encodeToString("f1:12:cs-7k4m".getBytes()), "%00", "a".repeat(101))) {
            problem(FeedClient.FEED + "?since=" + since, "since");
        }
        for (String limit : List.of("0", "10001", "-1", "abc", "1.5", "+5", "1e3", "")) {
            problem(FeedClient.FEED + "?limit=" + limit, "limit");
        }
        problem(FeedClient.FEED + "?limit=5&limit=6", "limit");
        problem(FeedClient.FEED + "?sinse=" + made, "sinse");
    }

    private void problem(String pathAndQuery, String field) {
        HttpResponse<byte[]> response = feed.get(pathAndQuery);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(400, response.statusCode(), pathAndQuery + ": " + body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), body);
        Map<String, Object> problem = feed.json(response);
        assertEquals("urn:curbside:problem:invalid-parameter", problem.get("type"), body);
        assertTrue(problem.get("violations").toString().contains("field=" + field), pathAndQuery + ": " + body);
    }

    @Test
    void answersAreTaggedAndCachedBriefly() {
        until(null, List.of(file()));
        HttpResponse<byte[]> first = feed.get(FeedClient.FEED, "Origin", "https://news.example.net");
        assertEquals("public, max-age=5", first.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("*", first.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(first.headers().firstValue("Link").orElseThrow().endsWith("; rel=\"next\""));
        assertEquals(304, feed.get(FeedClient.FEED, "If-None-Match", etag).statusCode());
        String number = file();
        await().atMost(HORIZON).until(() -> feed.get(FeedClient.FEED, "If-None-Match", etag).statusCode() == 200);
        assertTrue(feed.walk(null, null).numbers().contains(number));
    }
}
