package io.curbside.api.following;

import io.curbside.api.requests.TrackingNumber;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** PUT and DELETE /v1/requests/{trackingNumber}/follow, and who follows a request without asking. */
@MicronautTest(transactional = false)
class FollowingTest extends HttpTest {

    private People people;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void people() {
        people = new People(http);
    }

    @Test
    void anyoneSignedInFollowsAndUnfollowsAndBothAreHarmlessToRepeat() throws Exception {
        String number = anonymousReport(0);
        Map<String, Object> ana = people.register("ana");
        HttpResponse<Map<String, Object>> first = follow(number, ana);
        assertEquals(HttpStatus.CREATED, first.getStatus());
        assertEquals("follow", first.body().get("reason"));
        assertEquals(number, first.body().get("tracking_number"));
        HttpResponse<Map<String, Object>> again = follow(number, ana);
        assertEquals(HttpStatus.OK, again.getStatus());
        assertEquals(first.body().get("since"), again.body().get("since"));
        assertEquals(Map.of(number, "follow"), followed(ana));

        assertEquals(HttpStatus.NO_CONTENT, unfollow(number, ana).getStatus());
        assertEquals(HttpStatus.NO_CONTENT, unfollow(number, ana).getStatus());
        assertEquals(Map.of(), followed(ana));
        // Lower case and missing dashes are the same request.
        assertEquals(HttpStatus.CREATED, follow(number.toLowerCase().replace("-", ""), ana).getStatus());
    }

    @Test
    void reportersFollowTheirRequestsFromTheStartAndMayMuteThem() throws Exception {
        Map<String, Object> bo = people.register("bo");
        String number = (String) http.toBlocking().retrieve(HttpRequest.POST("/v1/requests",
                Reports.aPothole().north(200).json()).bearerAuth(token(bo)), JSON).get("tracking_number");
        assertEquals(Map.of(number, "reporter"), followed(bo));
        HttpResponse<Map<String, Object>> asked = follow(number, bo);
        assertEquals(HttpStatus.OK, asked.getStatus());
        assertEquals("reporter", asked.body().get("reason"));
        unfollow(number, bo);
        assertEquals(Map.of(), followed(bo));
        // Following again, the reporter is still followed as the reporter.
        assertEquals("reporter", follow(number, bo).body().get("reason"));
    }

    @Test
    void claimingAReportAndFilingForANeighbourFollowIt() throws Exception {
        Map<String, Object> filed = requests.filed(Reports.aPothole().north(400));
        String number = (String) filed.get("tracking_number");
        Map<String, Object> cy = people.register("cy");
        follow(number, cy);
        http.toBlocking().retrieve(HttpRequest.POST("/v1/me/claims", Map.of("receipts", List.of(Map.of(
                "tracking_number", number, "receipt_token", filed.get("receipt_token"))))).bearerAuth(token(cy)), JSON);
        assertEquals(Map.of(number, "reporter"), followed(cy), "the claim makes the plain follow a reporter's");

        Map<String, Object> lee = people.liaison("lee");
        String theirs = anonymousReport(600);
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE service_request SET filed_by_account_id = ? WHERE tracking_number = ?")) {
            // How the liaison's filing route sets it; any path that does is followed the same way.
            ps.setObject(1, UUID.fromString(People.id(lee)));
            ps.setString(2, theirs);
            ps.executeUpdate();
        }
        assertEquals(Map.of(theirs, "filed"), followed(lee));
    }

    @Test
    void aMeTooSignedInFollowsAndAnAnonymousOneDoesNot() throws Exception {
        String number = anonymousReport(800);
        Map<String, Object> dee = people.register("dee");
        HttpResponse<Map<String, Object>> counted = http.toBlocking().exchange(HttpRequest.POST("/v1/requests/" + number
                + "/me-too", Map.of("device_id", "dee-phone")).bearerAuth(token(dee)), JSON);
        assertEquals(HttpStatus.CREATED, counted.getStatus());
        assertEquals(Map.of(number, "me_too"), followed(dee));
        http.toBlocking().exchange(HttpRequest.POST("/v1/requests/" + number + "/me-too", Map.of("device_id", "other")), JSON);
        assertEquals(1, followers(number));
        // Said again from the same phone: not counted, still followed.
        Map<String, Object> ed = people.register("ed");
        follow(number, ed);
        http.toBlocking().exchange(HttpRequest.POST("/v1/requests/" + number + "/me-too", Map.of("device_id", "dee-phone"))
                .bearerAuth(token(ed)), JSON);
        assertEquals(Map.of(number, "me_too"), followed(ed), "me too says more than a plain follow");
    }

    @Test
    void aDeletedAccountFollowsNothing() throws Exception {
        Map<String, Object> fay = people.register("fay");
        String number = anonymousReport(1000);
        follow(number, fay);
        http.toBlocking().exchange(HttpRequest.POST("/v1/me/deletion", Map.of()).bearerAuth(token(fay)));
        assertEquals(0, followers(number));
    }

    @Test
    void refusals() {
        Map<String, Object> gus = people.register("gus");
        String number = anonymousReport(1200);
        requests.problem(HttpRequest.PUT("/v1/requests/" + number + "/follow", Map.of()), HttpStatus.UNAUTHORIZED,
                "unauthorized");
        requests.problem(HttpRequest.DELETE("/v1/requests/" + number + "/follow"), HttpStatus.UNAUTHORIZED,
                "unauthorized");
        String unknown = TrackingNumber.random().value();
        requests.problem(HttpRequest.PUT("/v1/requests/" + unknown + "/follow", Map.of()).bearerAuth(token(gus)),
                HttpStatus.NOT_FOUND, "not-found");
        requests.problem(HttpRequest.DELETE("/v1/requests/" + unknown + "/follow").bearerAuth(token(gus)),
                HttpStatus.NOT_FOUND, "not-found");
        requests.problem(HttpRequest.PUT("/v1/requests/nonsense/follow", Map.of()).bearerAuth(token(gus)),
                HttpStatus.BAD_REQUEST, "invalid-parameter");
    }

    private String anonymousReport(double metresNorth) {
        return (String) requests.filed(Reports.aPothole().north(metresNorth)).get("tracking_number");
    }

    private HttpResponse<Map<String, Object>> follow(String number, Map<String, Object> session) {
        return http.toBlocking().exchange(HttpRequest.PUT("/v1/requests/" + number + "/follow", Map.of())
                .bearerAuth(token(session)), JSON);
    }

    private HttpResponse<?> unfollow(String number, Map<String, Object> session) {
        return http.toBlocking().exchange(HttpRequest.DELETE("/v1/requests/" + number + "/follow").bearerAuth(token(session)));
    }

    /** The account's followed requests and why, from the database. */
    private Map<String, String> followed(Map<String, Object> session) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT r.tracking_number, f.reason FROM request_follower f JOIN service_request r ON r.id = f.request_id
                WHERE f.account_id = ? ORDER BY r.id""")) {
            ps.setObject(1, UUID.fromString(People.id(session)));
            Map<String, String> found = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
            return found;
        }
    }

    private int followers(String number) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FROM request_follower f JOIN service_request r ON r.id = f.request_id
                WHERE r.tracking_number = ?""")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
