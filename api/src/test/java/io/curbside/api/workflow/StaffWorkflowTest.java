package io.curbside.api.workflow;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staff move requests of their department through the lifecycle, by the rules, without losing each other's work. */
@MicronautTest(transactional = false)
class StaffWorkflowTest extends HttpTest {

    private People people;
    private String streets;
    private String code;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void staff() {
        people = new People(http);
        streets = token(people.staffOf("streets"));
        code = token(people.staffOf("code-enforcement"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRequestGoesFromReceivedToClosedWithAPublicNoteAtEachStep() {
        String number = pothole();
        String etag = etagOf(number, streets);
        etag = move(number, etag, "acknowledged", "We will look at it this week.", null);
        etag = move(number, etag, "in_progress", "A crew is on the way.", null);
        HttpResponse<Map<String, Object>> closed = http.toBlocking().exchange(status(number, etag,
                Map.of("status", "closed", "note", "Filled with asphalt.", "close_reason", "fixed"), streets), JSON);
        assertEquals("closed", closed.body().get("status"));
        assertEquals("fixed", closed.body().get("close_reason"));
        assertNotNull(closed.body().get("closed_at"));
        List<Map<String, Object>> history = (List<Map<String, Object>>) closed.body().get("history");
        assertEquals(List.of("received", "routed", "acknowledged", "in_progress", "closed"),
                history.stream().map(e -> e.get("kind")).toList());
        assertEquals("staff-streets", history.get(4).get("actor_name"), "who closed it");
        assertNotNull(history.get(4).get("actor"));
        assertEquals(null, history.get(0).get("actor"), "the reporter filed it, not staff");
        Map<String, Object> timeline = requests.status(number);
        List<Map<String, Object>> events = (List<Map<String, Object>>) timeline.get("timeline");
        assertEquals("Filled with asphalt.", events.get(events.size() - 1).get("note"));
        assertEquals("closed", timeline.get("status"));
    }

    @Test
    void onlyAllowedMovesAreMade() {
        String number = pothole();
        String etag = etagOf(number, streets);
        Map<String, Object> problem = requests.problem(status(number, etag,
                Map.of("status", "in_progress", "note", "Skipping ahead"), streets), HttpStatus.CONFLICT, "invalid-transition");
        assertTrue(((String) problem.get("detail")).contains("[acknowledged, closed]"), problem.toString());
        requests.problem(status(number, etag, Map.of("status", "received", "note", "Again"), streets),
                HttpStatus.CONFLICT, "invalid-transition");
        assertEquals(etag, etagOf(number, streets), "a refused move changes nothing");
    }

    @Test
    void closingAlwaysSaysWhy() {
        String number = pothole();
        String etag = etagOf(number, streets);
        requests.problem(status(number, etag, Map.of("status", "closed", "note", "Done"), streets),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        Map<String, Object> problem = requests.problem(status(number, etag, Map.of("status", "closed", "note",
                "Not ours", "close_reason", "not_city_responsibility"), streets), HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-fields");
        assertEquals(List.of("responsible_party"), io.curbside.api.testing.RequestsClient.fields(problem));
        assertEquals(List.of("close_reason"), io.curbside.api.testing.RequestsClient.fields(requests.problem(status(number,
                etag, Map.of("status", "closed", "note", "x", "close_reason", "closed_without_action"), streets),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields")));
        HttpResponse<Map<String, Object>> closed = http.toBlocking().exchange(status(number, etag, Map.of("status",
                "closed", "note", "This road belongs to the state.", "close_reason", "not_city_responsibility",
                "responsible_party", "State Department of Transportation"), streets), JSON);
        assertEquals("State Department of Transportation", closed.body().get("responsible_party"));
    }

    @Test
    void aClosedRequestReopensAsAcknowledgedAndKeepsItsDueDate() {
        String number = pothole();
        String etag = etagOf(number, streets);
        Object due = staffView(number, streets).get("expected_at");
        etag = move(number, etag, "closed", "Could not find it.", "could_not_locate");
        HttpResponse<Map<String, Object>> reopened = http.toBlocking().exchange(status(number, etag,
                Map.of("status", "acknowledged", "note", "The resident sent a better description."), streets), JSON);
        assertEquals("acknowledged", reopened.body().get("status"));
        assertEquals(null, reopened.body().get("close_reason"));
        assertEquals(null, reopened.body().get("closed_at"));
        assertEquals(due, reopened.body().get("expected_at"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) reopened.body().get("history");
        assertEquals("reopened", history.get(history.size() - 1).get("kind"));
    }

    @Test
    void aChangeOnAStaleVersionIsRefusedAndOneWithoutAVersionToo() {
        String number = pothole();
        String etag = etagOf(number, streets);
        move(number, etag, "acknowledged", "Seen.", null);
        requests.problem(status(number, etag, Map.of("status", "closed", "note", "Done", "close_reason", "fixed"), streets),
                HttpStatus.PRECONDITION_FAILED, "precondition-failed");
        requests.problem(HttpRequest.POST("/v1/staff/requests/" + number + "/status",
                Map.of("status", "in_progress", "note", "Going")).bearerAuth(streets),
                HttpStatus.PRECONDITION_REQUIRED, "precondition-required");
        requests.problem(status(number, "W/" + etagOf(number, streets), Map.of("status", "in_progress", "note", "Going"),
                streets), HttpStatus.PRECONDITION_FAILED, "precondition-failed");
        assertEquals("acknowledged", staffView(number, streets).get("status"));
    }

    @Test
    void twoStaffChangingAtOnceCannotBothWin() throws Exception {
        String number = pothole();
        String etag = etagOf(number, streets);
        String other = token(people.staffOf("streets"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<HttpStatus>> results = pool.invokeAll(List.of(
                    () -> attempt(status(number, etag, Map.of("status", "acknowledged", "note", "Mine"), streets)),
                    () -> attempt(status(number, etag, Map.of("status", "closed", "note", "Dup", "close_reason",
                            "could_not_locate"), other))));
            List<HttpStatus> statuses = List.of(results.get(0).get(), results.get(1).get());
            assertTrue(statuses.contains(HttpStatus.OK), statuses.toString());
            assertTrue(statuses.contains(HttpStatus.PRECONDITION_FAILED), statuses.toString());
        } finally {
            pool.shutdown();
        }
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT count(*) FROM request_event e JOIN service_request r ON r.id = e.request_id
                WHERE r.tracking_number = '%s' AND e.actor_id IS NOT NULL""".formatted(number))) {
            rs.next();
            assertEquals(1, rs.getInt(1), "exactly one change was made");
        }
    }

    @Test
    void staffOfOneDepartmentCannotSeeOrChangeAnothersRequests() {
        String number = pothole();
        String etag = etagOf(number, streets);
        requests.problem(HttpRequest.GET("/v1/staff/requests/" + number).bearerAuth(code), HttpStatus.FORBIDDEN, "forbidden");
        requests.problem(status(number, etag, Map.of("status", "acknowledged", "note", "Mine now"), code),
                HttpStatus.FORBIDDEN, "forbidden");
        requests.problem(HttpRequest.POST("/v1/staff/requests/" + number + "/notes", Map.of("text", "x", "public", false))
                .bearerAuth(code), HttpStatus.FORBIDDEN, "forbidden");
        requests.problem(HttpRequest.GET("/v1/staff/requests?department=streets").bearerAuth(code),
                HttpStatus.FORBIDDEN, "forbidden");
        assertFalse(numbers(list("", code)).contains(number));
        assertTrue(numbers(list("", streets)).contains(number));
        String resident = token(people.register("nosy"));
        requests.problem(HttpRequest.GET("/v1/staff/requests").bearerAuth(resident), HttpStatus.FORBIDDEN, "forbidden");
        requests.problem(HttpRequest.GET("/v1/staff/requests/" + number).bearerAuth(token(people.liaison("l"))),
                HttpStatus.FORBIDDEN, "forbidden");
        requests.problem(HttpRequest.GET("/v1/staff/requests"), HttpStatus.UNAUTHORIZED, "unauthorized");
        assertEquals(number, staffView(number, token(people.admin())).get("tracking_number"), "admins see every department");
    }

    @Test
    void reassigningHandsTheRequestOverAndKeepsTheReasonInternal() {
        String number = pothole();
        HttpResponse<Map<String, Object>> moved = http.toBlocking().exchange(HttpRequest.POST(
                "/v1/staff/requests/" + number + "/assignment", Map.of("department", "code-enforcement",
                        "reason", "It is a blocked drain on private land"))
                .header("If-Match", etagOf(number, streets)).bearerAuth(streets), JSON);
        assertEquals("code-enforcement", moved.body().get("department"));
        assertEquals(number, staffView(number, code).get("tracking_number"), "the new department has it");
        requests.problem(HttpRequest.GET("/v1/staff/requests/" + number).bearerAuth(streets), HttpStatus.FORBIDDEN, "forbidden");
        String publicView = requests.raw(HttpRequest.GET("/v1/requests/" + number));
        assertFalse(publicView.contains("private land"), publicView);
        assertTrue(publicView.contains("Code Enforcement"), publicView);
    }

    @Test
    @SuppressWarnings("unchecked")
    void internalNotesStayInternalAndPublicNotesShow() {
        String number = pothole();
        note(number, "Caller sounded upset; phone before visiting.", false);
        note(number, "Scheduled for Tuesday.", true);
        String publicView = requests.raw(HttpRequest.GET("/v1/requests/" + number));
        assertFalse(publicView.contains("upset"), publicView);
        assertTrue(publicView.contains("Scheduled for Tuesday."), publicView);
        List<Map<String, Object>> history = (List<Map<String, Object>>) staffView(number, streets).get("history");
        assertTrue(history.stream().anyMatch(e -> "Caller sounded upset; phone before visiting.".equals(e.get("note"))
                && Boolean.FALSE.equals(e.get("public"))));
    }

    @Test
    void aDuplicateClosesPointsToTheOriginalAndItsMeToosMove() {
        String original = pothole();
        String copy = pothole();
        http.toBlocking().exchange(HttpRequest.POST("/v1/requests/" + copy + "/me-too", Map.of("device_id", "phone-a")), JSON);
        int before = ((Number) requests.status(original).get("me_too")).intValue();
        HttpResponse<Map<String, Object>> marked = http.toBlocking().exchange(HttpRequest.POST(
                "/v1/staff/requests/" + copy + "/duplicate", Map.of("duplicate_of", original.toLowerCase()))
                .header("If-Match", etagOf(copy, streets)).bearerAuth(streets), JSON);
        assertEquals("closed", marked.body().get("status"));
        assertEquals("duplicate", marked.body().get("close_reason"));
        assertEquals(original, marked.body().get("duplicate_of"));
        assertEquals(before + 2, ((Number) requests.status(original).get("me_too")).intValue(),
                "the copy's me-too and its reporter count on the original");
        assertTrue(requests.raw(HttpRequest.GET("/v1/requests/" + copy)).contains(original));
        requests.problem(HttpRequest.POST("/v1/staff/requests/" + pothole() + "/duplicate", Map.of("duplicate_of", copy))
                .header("If-Match", "*").bearerAuth(streets), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        String self = pothole();
        requests.problem(HttpRequest.POST("/v1/staff/requests/" + self + "/duplicate", Map.of("duplicate_of", self))
                .header("If-Match", "*").bearerAuth(streets), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
    }

    @Test
    void duplicatesNeverChainAndOppositeMarksAtOnceNeitherDeadlockNorFail() throws Exception {
        String original = pothole();
        String copy = pothole();
        String later = pothole();
        http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + copy + "/duplicate",
                Map.of("duplicate_of", original)).header("If-Match", "*").bearerAuth(streets), JSON);
        requests.problem(HttpRequest.POST("/v1/staff/requests/" + original + "/duplicate", Map.of("duplicate_of", later))
                .header("If-Match", "*").bearerAuth(streets), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String a = pothole();
                String b = pothole();
                List<java.util.concurrent.Future<HttpStatus>> results = pool.invokeAll(List.of(
                        () -> attempt(HttpRequest.POST("/v1/staff/requests/" + a + "/duplicate", Map.of("duplicate_of", b))
                                .header("If-Match", "*").bearerAuth(streets)),
                        () -> attempt(HttpRequest.POST("/v1/staff/requests/" + b + "/duplicate", Map.of("duplicate_of", a))
                                .header("If-Match", "*").bearerAuth(streets))));
                List<HttpStatus> statuses = List.of(results.get(0).get(), results.get(1).get());
                assertTrue(statuses.contains(HttpStatus.OK), statuses.toString());
                assertTrue(statuses.stream().allMatch(st -> st.getCode() < 500), statuses.toString());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theDuplicatesReporterFollowsTheOriginal() throws Exception {
        String original = pothole();
        Map<String, Object> resident = people.register("same-pothole");
        String copy = (String) http.toBlocking().retrieve(HttpRequest.POST("/v1/requests",
                Reports.aPothole().json()).bearerAuth(token(resident)), JSON).get("tracking_number");
        http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + copy + "/duplicate",
                Map.of("duplicate_of", original)).header("If-Match", "*").bearerAuth(streets), JSON);
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT r.tracking_number, f.reason FROM request_follower f JOIN service_request r ON r.id = f.request_id
                WHERE f.account_id = '%s' ORDER BY r.tracking_number = '%s'""".formatted(People.id(resident), original))) {
            assertTrue(rs.next());
            assertEquals(copy, rs.getString(1));
            assertEquals("reporter", rs.getString(2));
            assertTrue(rs.next(), "the reporter of the duplicate now follows the original");
            assertEquals(original, rs.getString(1));
            assertEquals("me_too", rs.getString(2));
        }
    }

    @Test
    void historyIsNeverOverwritten() throws Exception {
        String number = pothole();
        note(number, "first", true);
        try (Connection c = connect()) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () ->
                    c.createStatement().executeUpdate("UPDATE request_event SET note = 'rewritten' WHERE note = 'first'"));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () ->
                    c.createStatement().executeUpdate("DELETE FROM request_event WHERE note = 'first'"));
        }
    }

    private String pothole() {
        return (String) requests.filed(Reports.aPothole()).get("tracking_number");
    }

    private String move(String number, String etag, String to, String note, String reason) {
        Map<String, Object> body = new HashMap<>(Map.of("status", to, "note", note));
        if (reason != null) {
            body.put("close_reason", reason);
        }
        HttpResponse<Map<String, Object>> moved = http.toBlocking().exchange(status(number, etag, body, streets), JSON);
        assertEquals(to, moved.body().get("status"));
        String next = moved.getHeaders().get("ETag");
        assertTrue(next.matches("\"v\\d+\""), next);
        return next;
    }

    private void note(String number, String text, boolean isPublic) {
        http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + number + "/notes",
                Map.of("text", text, "public", isPublic)).bearerAuth(streets), JSON);
    }

    private static MutableHttpRequest<?> status(String number, String etag, Map<String, ?> body, String token) {
        return HttpRequest.POST("/v1/staff/requests/" + number + "/status", body).header("If-Match", etag).bearerAuth(token);
    }

    private HttpStatus attempt(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, JSON).getStatus();
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private String etagOf(String number, String token) {
        return http.toBlocking().exchange(HttpRequest.GET("/v1/staff/requests/" + number).bearerAuth(token), JSON)
                .getHeaders().get("ETag");
    }

    private Map<String, Object> staffView(String number, String token) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/staff/requests/" + number).bearerAuth(token), JSON);
    }

    private Map<String, Object> list(String query, String token) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/staff/requests?limit=200" + query).bearerAuth(token), JSON);
    }

    @SuppressWarnings("unchecked")
    static List<String> numbers(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("requests")).stream().map(r -> (String) r.get("tracking_number")).toList();
    }
}
