package io.curbside.api.workflow;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.curbside.api.workflow.StaffWorkflowTest.numbers;
import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The staff work list: each filter, their combination, and stable paging. */
@MicronautTest(transactional = false)
class StaffWorkListTest extends HttpTest {

    private String streets;
    private final List<String> potholes = new ArrayList<>();
    private String trees;
    private String farNorth;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void requests() throws Exception {
        People people = new People(http);
        streets = token(people.staffOf("streets"));
        for (int i = 0; i < 5; i++) {
            potholes.add((String) requests.filed(Reports.aPothole().north(10 * i)).get("tracking_number"));
        }
        farNorth = (String) requests.filed(Reports.aPothole().north(900)).get("tracking_number");
        trees = (String) requests.filed(Reports.of("tree-trimming").answer("reason", List.of("sign")))
                .get("tracking_number");
        try (Connection c = connect()) {
            // The first pothole is long overdue, the second closed; the far one was received last year.
            c.createStatement().executeUpdate("UPDATE service_request SET expected_at = now() - interval '2 days' "
                    + "WHERE tracking_number = '" + potholes.get(0) + "'");
            c.createStatement().executeUpdate("UPDATE service_request SET status = 'closed', closed_at = now(), "
                    + "close_reason = 'fixed' WHERE tracking_number = '" + potholes.get(1) + "'");
            c.createStatement().executeUpdate("UPDATE service_request SET received_at = now() - interval '400 days' "
                    + "WHERE tracking_number = '" + farNorth + "'");
        }
    }

    @Test
    void staffSeeTheirDepartmentNewestFirst() {
        List<String> seen = numbers(list(""));
        assertTrue(seen.containsAll(potholes));
        assertEquals(potholes.get(4), seen.get(seen.indexOf(potholes.get(4))));
        assertTrue(seen.indexOf(potholes.get(4)) < seen.indexOf(potholes.get(0)), "newest first");
    }

    @Test
    void filtersNarrowTheList() {
        assertEquals(List.of(potholes.get(0)), numbers(list("&overdue=true")));
        assertFalse(numbers(list("&overdue=false")).contains(potholes.get(0)));
        assertEquals(List.of(potholes.get(1)), numbers(list("&status=closed")));
        List<String> open = numbers(list("&status=received&status=acknowledged"));
        assertFalse(open.contains(potholes.get(1)));
        assertTrue(open.contains(potholes.get(2)));
        assertEquals(List.of(farNorth), numbers(list("&received_to=" + encode(Instant.now().minusSeconds(86400 * 300)))));
        assertFalse(numbers(list("&received_from=" + encode(Instant.now().minusSeconds(86400)))).contains(farNorth));
        double lat = Reports.LAT;
        double lon = Reports.LON;
        List<String> inBox = numbers(list("&bbox=" + (lon - 0.001) + "," + (lat - 0.001) + "," + (lon + 0.001) + ","
                + (lat + 0.001)));
        assertTrue(inBox.containsAll(potholes));
        assertFalse(inBox.contains(farNorth));
        assertEquals(List.of(trees), numbers(list("&service=tree-trimming")));
        assertEquals(List.of(potholes.get(0)), numbers(list("&service=pothole&overdue=true&status=received")));
    }

    @Test
    void badFiltersAreNamed() {
        requests.problem(HttpRequest.GET("/v1/staff/requests?bbox=1,2,3").bearerAuth(streets), HttpStatus.BAD_REQUEST,
                "invalid-parameter");
        requests.problem(HttpRequest.GET("/v1/staff/requests?status=done").bearerAuth(streets), HttpStatus.BAD_REQUEST,
                "invalid-parameter");
        requests.problem(HttpRequest.GET("/v1/staff/requests?received_from=yesterday").bearerAuth(streets),
                HttpStatus.BAD_REQUEST, "invalid-parameter");
        requests.problem(HttpRequest.GET("/v1/staff/requests?limit=0").bearerAuth(streets), HttpStatus.BAD_REQUEST,
                "invalid-parameter");
    }

    @Test
    void pagesFollowOneAnotherWithoutGapsOrRepeats() {
        List<String> all = numbers(list(""));
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = http.toBlocking().retrieve(HttpRequest.GET("/v1/staff/requests?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).bearerAuth(streets), JSON);
            paged.addAll(numbers(page));
            cursor = (String) page.get("next_cursor");
            if (paged.size() == 2) {
                requests.filed(Reports.aPothole().north(500));   // a new request mid-way moves no page boundary
            }
        } while (cursor != null);
        assertEquals(all, paged);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theListShowsWhatTriageNeeds() {
        Map<String, Object> row = ((List<Map<String, Object>>) list("&overdue=true").get("requests")).get(0);
        assertEquals(true, row.get("overdue"));
        assertEquals("streets", row.get("department"));
        assertTrue(((Map<String, Object>) row.get("location")).containsKey("lat"));
    }

    private Map<String, Object> list(String query) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/staff/requests?limit=200" + query).bearerAuth(streets), JSON);
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}
