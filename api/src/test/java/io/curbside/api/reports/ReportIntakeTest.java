package io.curbside.api.reports;

import io.curbside.api.requests.TrackingNumber;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.curbside.api.testing.RequestsClient;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/requests with JSON: what the resident is told at once, and what is committed. */
@MicronautTest(transactional = false)
class ReportIntakeTest extends HttpTest {

    @Test
    void aReportGetsATrackingNumberADepartmentADistrictADateAndNextSteps() throws Exception {
        HttpResponse<Map<String, Object>> response = requests.file(Reports.aPothole()
                .description("Deep hole in the right lane").contact("Ana Ruiz", "ana@example.org", "+1 614 555 0100")
                .with("device_id", "device-123").json());
        assertEquals(HttpStatus.CREATED, response.getStatus());
        Map<String, Object> body = response.body();
        String number = (String) body.get("tracking_number");
        assertTrue(number.matches("CS-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), number);
        assertEquals(response.getHeaders().get("Location"), body.get("url"));
        assertTrue(((String) body.get("url")).endsWith("/v1/requests/" + number));
        assertEquals("received", body.get("status"));
        assertEquals(Map.of("code", "streets", "name", "Streets Department"), body.get("department"));
        assertEquals("5", ((Map<?, ?>) body.get("district")).get("code"));
        assertEquals("council_districts", ((Map<?, ?>) body.get("district")).get("layer"));
        assertEquals(2, ((List<?>) body.get("districts")).size(), "council district and neighborhood");
        assertEquals("3 business days", ((Map<?, ?>) body.get("target")).get("text"));
        ZonedDateTime received = ZonedDateTime.parse((String) body.get("received_at"));
        ZonedDateTime expected = ZonedDateTime.parse((String) body.get("expected_at"));
        assertTrue(Duration.between(received, expected).toDays() >= 3, "three business days are at least three days");
        String next = (String) body.get("next_steps");
        assertTrue(next.contains("Streets Department") && next.contains("Council District 5") && next.contains(number)
                && next.contains("3 business days"), next);
        assertTrue(((String) body.get("receipt_token")).length() >= 40);
        assertEquals(List.of(), body.get("photos"));

        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT service_code, status, department_code, district_code, districts->>'neighborhoods',
                       contact_email, contact_phone, device_id, description, channel, language,
                       ST_Y(location::geometry), ST_X(location::geometry), receipt_token_hash, expected_at > received_at
                FROM service_request WHERE tracking_number = '%s'""".formatted(number))) {
            assertTrue(rs.next());
            assertEquals("pothole", rs.getString(1));
            assertEquals("received", rs.getString(2));
            assertEquals("streets", rs.getString(3));
            assertEquals("5", rs.getString(4));
            assertNotNull(rs.getString(5));
            assertEquals("ana@example.org", rs.getString(6));
            assertEquals("+1 614 555 0100", rs.getString(7));
            assertEquals("device-123", rs.getString(8));
            assertEquals("Deep hole in the right lane", rs.getString(9));
            assertEquals("mobile_app", rs.getString(10));
            assertEquals("en", rs.getString(11));
            assertEquals(Reports.LAT, rs.getDouble(12), 1e-9);
            assertEquals(Reports.LON, rs.getDouble(13), 1e-9);
            assertEquals(32, rs.getBytes(14).length, "a SHA-256, never the token");
            assertTrue(rs.getBoolean(15));
        }
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT kind, public, data->>'department' FROM request_event e JOIN service_request r ON r.id = e.request_id
                WHERE r.tracking_number = '%s' ORDER BY e.id""".formatted(number))) {
            assertTrue(rs.next());
            assertEquals("received", rs.getString(1));
            assertTrue(rs.next());
            assertEquals("routed", rs.getString(1));
            assertEquals("streets", rs.getString(3));
            assertFalse(rs.next());
        }
    }

    @Test
    void theNextStepsAreInTheReportersLanguage() {
        Map<String, Object> spanish = requests.filed(Reports.aPothole().with("language", "es"));
        assertEquals("es", spanish.get("language"));
        String next = (String) spanish.get("next_steps");
        assertTrue(next.startsWith("Gracias.") && next.contains("Departamento de Calles") && next.contains("días hábiles"),
                next);
        assertEquals("Bache", ((Map<?, ?>) spanish.get("service")).get("name"));

        var response = http.toBlocking().exchange(io.micronaut.http.HttpRequest.POST("/v1/requests",
                Reports.aPothole().json()).header("Accept-Language", "vi, en;q=0.5"), RequestsClient.JSON);
        assertEquals("vi", response.body().get("language"));
        assertEquals("vi", response.getHeaders().get("Content-Language"));
        assertTrue(((String) response.body().get("next_steps")).startsWith("Cảm ơn bạn."));
    }

    @Test
    void answersAreStoredInTheirTypes() throws Exception {
        Map<String, Object> filed = requests.filed(Reports.of("abandoned-vehicle").answer("vehicle", " blue Honda Civic ")
                .answer("days-parked", "4").answer("plate", "ABC 123 OH"));
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT answers::text FROM service_request WHERE tracking_number = '" + filed.get("tracking_number") + "'")) {
            assertTrue(rs.next());
            assertEquals("{\"plate\": \"ABC 123 OH\", \"vehicle\": \"blue Honda Civic\", \"days-parked\": 4}", rs.getString(1));
        }
        Map<String, Object> sidewalk = requests.filed(Reports.of("sidewalk-damage")
                .answer("problem", List.of("cracked", "raised")));
        assertEquals("received", sidewalk.get("status"));
    }

    @Test
    void trackingNumbersAreNeverReusedAndNotSequential() {
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            numbers.add((String) requests.filed(Reports.aPothole().north(1000 + i * 60)).get("tracking_number"));
        }
        assertEquals(30, numbers.size());
        for (String n : numbers) {
            assertEquals(n, TrackingNumber.parse(n.toLowerCase().replace("-", "")).value());
        }
    }

    @Test
    void aServiceThatNeedsContactAcceptsAPhoneNumber() {
        Map<String, Object> filed = requests.filed(Reports.of("missed-trash-pickup")
                .answer("set-out-time", "2026-11-23T06:30").answer("cart-location", "curb").contact(null, null, "(614) 555-0100"));
        assertEquals("sanitation", ((Map<?, ?>) filed.get("department")).get("code"));
    }
}
