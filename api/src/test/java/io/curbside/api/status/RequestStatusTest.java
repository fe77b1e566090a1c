package io.curbside.api.status;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.curbside.api.testing.RequestsClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/requests/{trackingNumber}: the public view, the reporter's view, and polling it cheaply. */
@MicronautTest(transactional = false)
class RequestStatusTest extends HttpTest {

    private Map<String, Object> filed;
    private String number;

    @BeforeAll
    void fileOne() {
        filed = requests.filed(Reports.aPothole().description("Deep hole, call me at 614-555-0100 or ana@example.org")
                .whereExactly("in front of 120 Oak St").contact("Ana Ruiz", "ana@example.org", "+1 614 555 0100")
                .with("device_id", "device-9f3a"));
        number = (String) filed.get("tracking_number");
    }

    @Test
    void thePublicViewSaysWhereItIsAtAndWhen() {
        Map<String, Object> status = requests.status(number);
        assertEquals(number, status.get("tracking_number"));
        assertEquals("received", status.get("status"));
        assertEquals(Map.of("code", "pothole", "name", "Pothole"), status.get("service"));
        assertEquals("streets", ((Map<?, ?>) status.get("department")).get("code"));
        assertEquals("5", ((Map<?, ?>) status.get("district")).get("code"));
        assertEquals(ZonedDateTime.parse((String) filed.get("expected_at")).toInstant(),
                ZonedDateTime.parse((String) status.get("expected_at")).toInstant());
        assertEquals(true, status.get("on_time"));
        assertEquals(0, status.get("me_too"));
        List<?> timeline = (List<?>) status.get("timeline");
        assertEquals(List.of("received", "routed"), timeline.stream().map(e -> ((Map<?, ?>) e).get("kind")).toList());
        assertEquals("Sent to the Streets Department", ((Map<?, ?>) timeline.get(1)).get("title"));
        Map<?, ?> location = (Map<?, ?>) status.get("location");
        assertEquals(100, location.get("precision_m"));
        assertNotEquals(Reports.LAT, ((Number) location.get("lat")).doubleValue());
        assertTrue(Math.abs(((Number) location.get("lat")).doubleValue() - Reports.LAT) < 0.001);
        assertEquals("Deep hole, call me at [phone] or [email]", status.get("description"));
        assertNull(status.get("reporter"));
    }

    @Test
    void theReporterSeesTheExactPlaceTheirWordsAndAnswers() {
        Map<String, Object> status = requests.status(number, (String) filed.get("receipt_token"));
        Map<?, ?> reporter = (Map<?, ?>) status.get("reporter");
        assertNotNull(reporter);
        Map<?, ?> location = (Map<?, ?>) reporter.get("location");
        assertEquals(Reports.LAT, ((Number) location.get("lat")).doubleValue(), 1e-9);
        assertEquals(Reports.LON, ((Number) location.get("lon")).doubleValue(), 1e-9);
        assertEquals("in front of 120 Oak St", location.get("description"));
        assertEquals("Deep hole, call me at 614-555-0100 or ana@example.org", reporter.get("description"));
        assertEquals(Map.of("size", "large"), reporter.get("answers"));
        assertEquals("mobile_app", reporter.get("channel"));
        assertFalse(status.toString().contains("device-9f3a"), "the device id is never shown, even to the reporter");
    }

    @Test
    void aWrongReceiptTokenIsRefused() {
        requests.problem(HttpRequest.GET("/v1/requests/" + number).header("Receipt-Token", "not-the-token"),
                HttpStatus.FORBIDDEN, "forbidden");
    }

    @Test
    void numbersAreReadAsPeopleTypeThem() {
        String typed = number.toLowerCase().replace("-", "").replace('0', 'o').replace('1', 'l');
        assertEquals(number, requests.status(typed).get("tracking_number"));
        assertEquals(number, requests.status(number.substring(3)).get("tracking_number"));
    }

    @Test
    void aMistypedNumberIsCaughtByItsCheckSymbol() {
        char last = number.charAt(number.length() - 1);
        String typo = number.substring(0, number.length() - 1) + (last == 'X' ? 'Y' : 'X');
        Map<String, Object> p = requests.problem(HttpRequest.GET("/v1/requests/" + typo), HttpStatus.BAD_REQUEST,
                "invalid-parameter");
        assertEquals(List.of("trackingNumber"), RequestsClient.fields(p));
        assertTrue(((String) p.get("detail")).contains("mistyped"), p.toString());
        requests.problem(HttpRequest.GET("/v1/requests/hello"), HttpStatus.BAD_REQUEST, "invalid-parameter");
    }

    @Test
    void anUnknownNumberIs404() {
        String other;
        do {
            other = io.curbside.api.requests.TrackingNumber.random().value();
        } while (other.equals(number));
        requests.problem(HttpRequest.GET("/v1/requests/" + other), HttpStatus.NOT_FOUND, "not-found");
    }

    @Test
    void pollingAnUnchangedRequestCostsA304AndAChangeShowsAtOnce() throws Exception {
        Map<String, Object> filed = requests.filed(Reports.aPothole().north(800));
        String number = (String) filed.get("tracking_number");
        HttpResponse<String> first = http.toBlocking().exchange(HttpRequest.GET("/v1/requests/" + number), String.class);
        String etag = first.getHeaders().get("ETag");
        assertNotNull(etag);
        assertEquals("no-cache", first.getHeaders().get("Cache-Control"));
        HttpResponse<String> again = http.toBlocking().exchange(HttpRequest.GET("/v1/requests/" + number)
                .header("If-None-Match", etag), String.class);
        assertEquals(HttpStatus.NOT_MODIFIED, again.getStatus());
        assertFalse(again.getBody().isPresent());

        HttpResponse<String> spanish = http.toBlocking().exchange(HttpRequest.GET("/v1/requests/" + number + "?lang=es")
                .header("If-None-Match", etag), String.class);
        assertEquals(HttpStatus.OK, spanish.getStatus(), "another language is another representation");
        assertTrue(spanish.body().contains("Enviado a Departamento de Calles"), spanish.body());

        String reporterTag = http.toBlocking().exchange(HttpRequest.GET("/v1/requests/" + number)
                .header("Receipt-Token", (String) filed.get("receipt_token")), String.class).getHeaders().get("ETag");
        assertNotEquals(etag, reporterTag, "the reporter's view is another representation");

        try (Connection c = connect()) {
            c.createStatement().execute("INSERT INTO request_event (request_id, kind, status, public, note) SELECT id, "
                    + "'note', 'received', true, 'Crew scheduled' FROM service_request WHERE tracking_number = '" + number + "'");
        }
        HttpResponse<String> changed = http.toBlocking().exchange(HttpRequest.GET("/v1/requests/" + number)
                .header("If-None-Match", etag), String.class);
        assertEquals(HttpStatus.OK, changed.getStatus());
        assertTrue(changed.body().contains("Crew scheduled"));
        assertNotEquals(etag, changed.getHeaders().get("ETag"));
    }

    @Test
    void aLateRequestSaysSoAndChangesItsTag() throws Exception {
        Map<String, Object> late = requests.filed(Reports.aPothole().north(400));
        String n = (String) late.get("tracking_number");
        String before = http.toBlocking().exchange(HttpRequest.GET("/v1/requests/" + n), String.class)
                .getHeaders().get("ETag");
        try (Connection c = connect()) {
            // Backdated without touching the version: only the passing of time makes it late.
            c.createStatement().execute("ALTER TABLE service_request DISABLE TRIGGER service_request_version");
            c.createStatement().execute("UPDATE service_request SET expected_at = now() - interval '1 hour' "
                    + "WHERE tracking_number = '" + n + "'");
            c.createStatement().execute("ALTER TABLE service_request ENABLE TRIGGER service_request_version");
        }
        HttpResponse<Map<String, Object>> now = http.toBlocking().exchange(HttpRequest.GET("/v1/requests/" + n)
                .header("If-None-Match", before), RequestsClient.JSON);
        assertEquals(HttpStatus.OK, now.getStatus());
        assertEquals(false, now.body().get("on_time"));
    }
}
