package io.curbside.api.reports;

import io.curbside.api.requests.TrackingNumber;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.curbside.api.testing.RequestsClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /v1/requests/{trackingNumber}/me-too: counted once per device, shown on the request. */
@MicronautTest(transactional = false)
class MeTooTest extends HttpTest {

    private HttpResponse<Map<String, Object>> meToo(String number, Map<String, Object> body, String key) {
        var request = HttpRequest.POST("/v1/requests/" + number + "/me-too", body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.toBlocking().exchange(request, RequestsClient.JSON);
    }

    @Test
    void eachDeviceCountsOnce() {
        String number = (String) requests.filed(Reports.aPothole()).get("tracking_number");
        HttpResponse<Map<String, Object>> first = meToo(number, Map.of("device_id", "phone-a"), null);
        assertEquals(HttpStatus.CREATED, first.getStatus());
        assertEquals(Map.of("tracking_number", number, "me_too", 1, "counted", true), first.body());
        HttpResponse<Map<String, Object>> again = meToo(number, Map.of("device_id", "phone-a"), null);
        assertEquals(HttpStatus.OK, again.getStatus());
        assertEquals(false, again.body().get("counted"));
        assertEquals(2, meToo(number, Map.of("device_id", "phone-b"), null).body().get("me_too"));
        // Without a device id there is nothing to tell people apart by: each counts.
        assertEquals(3, meToo(number, Map.of(), null).body().get("me_too"));
        assertEquals(3, requests.status(number).get("me_too"));
    }

    @Test
    void aRetryWithItsKeyCountsOnce() {
        String number = (String) requests.filed(Reports.aPothole().north(300)).get("tracking_number");
        String key = UUID.randomUUID().toString();
        assertEquals(HttpStatus.CREATED, meToo(number, Map.of(), key).getStatus());
        HttpResponse<Map<String, Object>> replay = meToo(number, Map.of(), key);
        assertEquals(HttpStatus.CREATED, replay.getStatus());
        assertEquals("true", replay.getHeaders().get("Idempotent-Replayed"));
        assertEquals(1, requests.status(number).get("me_too"));
    }

    @Test
    void aClosedRequestTakesNoMeTooAndAnUnknownOneIs404() throws Exception {
        String number = (String) requests.filed(Reports.aPothole().north(600)).get("tracking_number");
        try (Connection c = connect()) {
            c.createStatement().execute("UPDATE service_request SET status = 'closed', closed_at = now(), close_reason = 'fixed' "
                    + "WHERE tracking_number = '" + number + "'");
        }
        requests.problem(HttpRequest.POST("/v1/requests/" + number + "/me-too", Map.of()), HttpStatus.CONFLICT,
                "request-closed");
        String unknown;
        do {
            unknown = TrackingNumber.random().value();
        } while (unknown.equals(number));
        requests.problem(HttpRequest.POST("/v1/requests/" + unknown + "/me-too", Map.of()), HttpStatus.NOT_FOUND,
                "not-found");
    }
}
