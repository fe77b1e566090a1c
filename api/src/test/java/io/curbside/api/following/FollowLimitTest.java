package io.curbside.api.following;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One account follows at most curbside.following.limit requests by choice (two here); its own reports do not count. */
@MicronautTest(transactional = false)
class FollowLimitTest extends HttpTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.following.limit", "2");
    }

    @Test
    void aThirdRequestIsRefusedUntilOneIsLetGo() {
        Map<String, Object> resident = new People(http).register("keen");
        String first = filed();
        String second = filed();
        String third = filed();
        assertEquals(HttpStatus.CREATED, follow(resident, first).getStatus());
        assertEquals(HttpStatus.CREATED, follow(resident, second).getStatus());
        Map<String, Object> refused = requests.problem(HttpRequest.PUT("/v1/requests/" + third + "/follow", Map.of())
                .bearerAuth(token(resident)), HttpStatus.CONFLICT, "follow-limit");
        assertTrue(((String) refused.get("detail")).contains("2"), refused.toString());
        assertEquals(HttpStatus.OK, follow(resident, second).getStatus(), "following one again is no new follow");

        // Their own report is followed whatever the count, and does not count.
        Map<String, Object> own = http.toBlocking().retrieve(HttpRequest.POST("/v1/requests", Reports.aPothole().json())
                .bearerAuth(token(resident)), JSON);
        assertEquals(HttpStatus.OK, follow(resident, (String) own.get("tracking_number")).getStatus());

        http.toBlocking().exchange(HttpRequest.DELETE("/v1/requests/" + first + "/follow").bearerAuth(token(resident)));
        assertEquals(HttpStatus.CREATED, follow(resident, third).getStatus());
    }

    @Test
    void aMeTooPastTheLimitCountsWithoutFollowing() {
        Map<String, Object> resident = new People(http).register("supportive");
        follow(resident, filed());
        follow(resident, filed());
        String another = filed();
        Map<String, Object> meToo = http.toBlocking().retrieve(HttpRequest.POST("/v1/requests/" + another + "/me-too",
                Map.of("device_id", "supportive-phone")).bearerAuth(token(resident)), JSON);
        assertEquals(true, meToo.get("counted"));
        requests.problem(HttpRequest.PUT("/v1/requests/" + another + "/follow", Map.of()).bearerAuth(token(resident)),
                HttpStatus.CONFLICT, "follow-limit");
    }

    private String filed() {
        return (String) requests.filed(Reports.aPothole()).get("tracking_number");
    }

    private HttpResponse<?> follow(Map<String, Object> session, String number) {
        return http.toBlocking().exchange(HttpRequest.PUT("/v1/requests/" + number + "/follow", Map.of())
                .bearerAuth(token(session)));
    }
}
