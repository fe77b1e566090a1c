package io.curbside.api.following;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/me/updates: the public events of the requests an account follows, after a cursor. */
@MicronautTest(transactional = false)
class UpdatesFeedTest extends HttpTest {

    /**
     * An event shows once every transaction older than it is over, on the whole database server:
     * other test runs sharing it may hold one open for a moment, so wait for what is expected.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private People people;

    @BeforeAll
    void people() {
        people = new People(http);
    }

    @Test
    void showsThePublicEventsOfFollowedRequestsOnlyOldestFirst() throws Exception {
        Map<String, Object> ana = people.register("ana");
        Map<String, Object> bo = people.register("bo");
        String hers = file(Reports.aPothole(), ana);
        String followed = file(Reports.aPothole().north(300), null);
        String others = file(Reports.aPothole().north(600), bo);
        follow(followed, ana);
        try (Connection c = connect()) {
            StaffChanges.event(c, hers, "acknowledged", "acknowledged", true, null, "{\"department\": \"streets\"}");
            StaffChanges.internalNote(c, hers, "Internal: the contractor owes us one");
            StaffChanges.publicEvent(c, others, "in_progress", "in_progress", "Crew on the way");
            StaffChanges.publicEvent(c, followed, "note", "received", "Crew scheduled for Tuesday");
        }
        List<Map<String, Object>> all = await(ana, null, 200, updates -> updates.size() >= 6).updates();
        // In the order the changes were committed: each filing (received, routed), then the staff's changes.
        assertEquals(List.of(hers + " received", hers + " routed", followed + " received", followed + " routed",
                hers + " acknowledged", followed + " note"), order(all));
        assertTrue(all.stream().noneMatch(u -> others.equals(u.get("tracking_number"))), "nobody else's requests");
        assertTrue(all.stream().noneMatch(u -> String.valueOf(u.get("note")).contains("contractor")), "no internal notes");
        Map<String, Object> acknowledged = all.stream().filter(u -> u.get("kind").equals("acknowledged")).findFirst()
                .orElseThrow();
        assertEquals("Acknowledged by the Streets Department", acknowledged.get("title"));
        assertEquals("acknowledged", acknowledged.get("status"));
        assertTrue(((String) acknowledged.get("url")).endsWith("/v1/requests/" + hers));
        assertNotNull(acknowledged.get("at"));
        assertEquals("Crew scheduled for Tuesday", all.get(all.size() - 1).get("note"));
    }

    @Test
    void pagesWithTheCursorAndThenWaitsAtTheEndWithA304() throws Exception {
        Map<String, Object> cy = people.register("cy");
        String one = file(Reports.aPothole().north(900), cy);
        String two = file(Reports.aPothole().north(1200), cy);
        try (Connection c = connect()) {
            StaffChanges.publicEvent(c, one, "in_progress", "in_progress", null);
            StaffChanges.publicEvent(c, two, "in_progress", "in_progress", null);
        }
        List<String> whole = order(await(cy, null, 200, updates -> updates.size() == 6).updates());
        List<String> paged = new ArrayList<>();
        String cursor = null;
        Page page;
        do {
            page = read(cy, cursor, 4, null);
            assertTrue(page.updates().size() <= 4);
            paged.addAll(order(page.updates()));
            cursor = page.nextCursor();
        } while (page.more());
        assertEquals(whole, paged);

        // At the end: nothing new, the same cursor back, and a bodiless 304 for a poller that sends the tag.
        Page quiet = read(cy, cursor, 50, null);
        assertEquals(List.of(), quiet.updates());
        assertEquals(cursor, quiet.nextCursor());
        assertFalse(quiet.more());
        HttpResponse<String> unchanged = http.toBlocking().exchange(updatesRequest(cy, cursor, 50, null)
                .header("If-None-Match", quiet.etag()), String.class);
        assertEquals(HttpStatus.NOT_MODIFIED, unchanged.getStatus());
        assertFalse(unchanged.getBody().isPresent());

        try (Connection c = connect()) {
            StaffChanges.close(c, two);
        }
        Page news = await(cy, cursor, 50, updates -> !updates.isEmpty());
        assertEquals(List.of(two + " closed"), order(news.updates()));
        assertEquals("Filled and rolled", news.updates().get(0).get("note"));
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(updatesRequest(cy, cursor, 50, null)
                .header("If-None-Match", quiet.etag()), String.class).getStatus());
        assertEquals(List.of(), read(cy, news.nextCursor(), 50, null).updates());
    }

    @Test
    void speaksTheLanguageAsked() throws Exception {
        Map<String, Object> dee = people.register("dee");
        String number = file(Reports.aPothole().north(1500), dee);
        try (Connection c = connect()) {
            StaffChanges.event(c, number, "acknowledged", "acknowledged", true, null, "{\"department\": \"streets\"}");
        }
        await(dee, null, 200, updates -> updates.size() == 3);
        HttpResponse<Map<String, Object>> spanish = http.toBlocking().exchange(updatesRequest(dee, null, 50, null)
                .header("Accept-Language", "es, en;q=0.5"), JSON);
        assertEquals("es", spanish.getHeaders().get("Content-Language"));
        assertEquals("es", spanish.body().get("language"));
        assertTrue(titles(spanish.body()).contains("Recibido"), titles(spanish.body()).toString());
        List<String> vietnamese = titles(http.toBlocking().retrieve(updatesRequest(dee, null, 50, "vi"), JSON));
        assertEquals("Đã nhận", vietnamese.get(0));
        assertTrue(vietnamese.get(2).endsWith("đã xác nhận"), vietnamese.get(2));
    }

    @Test
    void anUnfollowedRequestLeavesTheFeed() throws Exception {
        Map<String, Object> ed = people.register("ed");
        String kept = file(Reports.aPothole().north(1800), ed);
        String muted = file(Reports.aPothole().north(2100), ed);
        String cursor = await(ed, null, 200, updates -> updates.size() == 4).nextCursor();
        http.toBlocking().exchange(HttpRequest.DELETE("/v1/requests/" + muted + "/follow").bearerAuth(token(ed)));
        try (Connection c = connect()) {
            StaffChanges.publicEvent(c, muted, "in_progress", "in_progress", null);
            StaffChanges.publicEvent(c, kept, "in_progress", "in_progress", null);
        }
        assertEquals(List.of(kept + " in_progress"), order(await(ed, cursor, 50, updates -> !updates.isEmpty()).updates()));
    }

    @Test
    void aMeTooSignedInBringsTheRequestsNewsIntoTheFeed() throws Exception {
        Map<String, Object> fay = people.register("fay");
        String number = file(Reports.aPothole().north(2400), null);
        http.toBlocking().exchange(HttpRequest.POST("/v1/requests/" + number + "/me-too", Map.of()).bearerAuth(token(fay)),
                JSON);
        try (Connection c = connect()) {
            StaffChanges.publicEvent(c, number, "in_progress", "in_progress", "On it");
        }
        assertTrue(order(await(fay, null, 200, updates -> updates.size() == 3).updates()).contains(number + " in_progress"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusals() {
        requests.problem(HttpRequest.GET("/v1/me/updates"), HttpStatus.UNAUTHORIZED, "unauthorized");
        Map<String, Object> gus = people.register("gus");
        for (String since : List.of("nonsense", "azE6MTIz", "azE6LTEuMg", "azE6MS4yLjM")) {
            Map<String, Object> problem = requests.problem(HttpRequest.GET("/v1/me/updates?since=" + since)
                    .bearerAuth(token(gus)), HttpStatus.BAD_REQUEST, "invalid-parameter");
            assertEquals("since", ((List<Map<String, Object>>) problem.get("violations")).get(0).get("field"), since);
        }
        requests.problem(HttpRequest.GET("/v1/me/updates?limit=0").bearerAuth(token(gus)), HttpStatus.BAD_REQUEST,
                "invalid-parameter");
        Page nothing = read(gus, null, 50, null);
        assertEquals(List.of(), nothing.updates());
        assertNotNull(nothing.nextCursor(), "even an empty feed hands out a cursor");
    }

    /** One answer of the feed. */
    private record Page(List<Map<String, Object>> updates, String nextCursor, boolean more, String etag) {
    }

    private MutableHttpRequest<?> updatesRequest(Map<String, Object> session, String since, int limit, String lang) {
        return HttpRequest.GET("/v1/me/updates?limit=" + limit + (since == null ? "" : "&since=" + since)
                + (lang == null ? "" : "&lang=" + lang)).bearerAuth(token(session));
    }

    @SuppressWarnings("unchecked")
    private Page read(Map<String, Object> session, String since, int limit, String lang) {
        HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(updatesRequest(session, since, limit, lang),
                JSON);
        Map<String, Object> body = response.body();
        assertEquals("no-store", response.getHeaders().get("Cache-Control"), "personal: PersonalAnswers");
        return new Page((List<Map<String, Object>>) body.get("updates"), (String) body.get("next_cursor"),
                (Boolean) body.get("more"), response.getHeaders().get("ETag"));
    }

    private Page await(Map<String, Object> session, String since, int limit, Predicate<List<Map<String, Object>>> expected) {
        AtomicReference<Page> page = new AtomicReference<>();
        Awaitility.await().atMost(PATIENCE).pollDelay(Duration.ZERO).untilAsserted(() -> {
            page.set(read(session, since, limit, null));
            assertTrue(expected.test(page.get().updates()), () -> "the feed has " + order(page.get().updates()));
        });
        return page.get();
    }

    private String file(Reports report, Map<String, Object> session) {
        MutableHttpRequest<Map<String, Object>> request = HttpRequest.POST("/v1/requests", report.json());
        if (session != null) {
            request.bearerAuth(token(session));
        }
        return (String) http.toBlocking().retrieve(request, JSON).get("tracking_number");
    }

    private void follow(String number, Map<String, Object> session) {
        http.toBlocking().exchange(HttpRequest.PUT("/v1/requests/" + number + "/follow", Map.of()).bearerAuth(token(session)),
                JSON);
    }

    private static List<String> order(List<Map<String, Object>> updates) {
        return updates.stream().map(u -> u.get("tracking_number") + " " + u.get("kind")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> titles(Map<String, Object> body) {
        return ((List<Map<String, Object>>) body.get("updates")).stream().map(u -> (String) u.get("title")).toList();
    }
}
