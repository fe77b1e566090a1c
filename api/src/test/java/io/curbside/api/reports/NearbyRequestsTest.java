package io.curbside.api.reports;

import io.curbside.api.testing.DatabaseTest;
import io.curbside.api.testing.Reports;
import io.curbside.api.testing.RequestsClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Duplicates: open requests of the same service within a radius in metres (on the geography,
 * never degrees) and a time window, for the app while the resident types and for intake.
 */
@MicronautTest(transactional = false)
class NearbyRequestsTest extends DatabaseTest {

    /** A block of the demo city where nothing else in this class is filed. */
    private static final double LAT = 40.026777;
    private static final double LON = -83.056775;

    @Inject
    @Client("/")
    HttpClient http;

    private RequestsClient requests;

    @BeforeAll
    void client() {
        requests = new RequestsClient(http);
    }

    private List<Map<String, Object>> nearby(String service, double lat, double lon, String extra) {
        Map<String, Object> answer = http.toBlocking().retrieve(HttpRequest.GET("/v1/requests/nearby?service_code="
                + service + "&lat=" + lat + "&lon=" + lon + extra), RequestsClient.JSON);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> found = (List<Map<String, Object>>) answer.get("requests");
        return found;
    }

    private String file(Reports report) {
        return (String) requests.filed(report).get("tracking_number");
    }

    private void sql(String statement) throws Exception {
        try (Connection c = connect()) {
            c.createStatement().execute(statement);
        }
    }

    @Test
    void theRadiusIsInMetresEastAndNorthAlike() {
        double lat = LAT + 0.004;
        String north30 = file(Reports.aPothole().at(lat, LON).north(30));
        file(Reports.aPothole().at(lat, LON).north(70));
        // 38 m east: at 40 degrees north a degree of longitude is only ~85 km, so degrees would get this wrong.
        double eastMetre = 1 / (Reports.METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
        String east = file(Reports.aPothole().at(lat, LON + 38 * eastMetre));
        file(Reports.aPothole().at(lat, LON + 60 * eastMetre));

        List<Map<String, Object>> found = nearby("pothole", lat, LON, "");
        assertEquals(List.of(north30, east), found.stream().map(r -> r.get("tracking_number")).toList(), found::toString);
        // Rounded up to 10 m (PostGIS measures on the WGS84 spheroid, this test on a sphere: 38 m is 38.x m).
        assertEquals(List.of(30, 40), found.stream().map(r -> r.get("distance_m")).toList());
        assertEquals(4, nearby("pothole", lat, LON, "&radius=75").size());
    }

    @Test
    void onlyOpenRequestsOfTheSameServiceAndOfTheWindowCount() throws Exception {
        double lat = LAT - 0.004;
        String open = file(Reports.aPothole().at(lat, LON).north(5));
        String closed = file(Reports.aPothole().at(lat, LON).north(10));
        String old = file(Reports.aPothole().at(lat, LON).north(15));
        file(Reports.of("abandoned-vehicle").answer("vehicle", "white van").at(lat, LON));
        sql("UPDATE service_request SET status = 'closed', closed_at = now() WHERE tracking_number = '" + closed + "'");
        sql("UPDATE service_request SET received_at = now() - interval '40 days' WHERE tracking_number = '" + old + "'");
        assertEquals(List.of(open), nearby("pothole", lat, LON, "").stream().map(r -> r.get("tracking_number")).toList());
        assertEquals(2, nearby("pothole", lat, LON, "&days=60").size());
    }

    @Test
    void theAnswerIsGeneralizedAndSensitiveServicesAreNeverListed() throws Exception {
        double lat = LAT + 0.008;
        file(Reports.aPothole().at(lat, LON).contact("Bo", "bo@example.org", null).description("by my house"));
        Map<String, Object> first = nearby("pothole", lat, LON, "").get(0);
        Map<?, ?> location = (Map<?, ?>) first.get("location");
        assertEquals(100, location.get("precision_m"));
        assertTrue(Math.abs(((Number) location.get("lat")).doubleValue() - lat) > 1e-6, "not the reported point");
        String text = first.toString();
        assertTrue(!text.contains("bo@example.org") && !text.contains("by my house"), text);

        file(Reports.of("encampment-concern").answer("concern", List.of("blocking")).at(lat, LON));
        assertEquals(List.of(), nearby("encampment-concern", lat, LON, ""));
    }

    @Test
    void intakeOffersTheOpenDuplicatesAndRemembersTheNearest() throws Exception {
        double lat = LAT - 0.008;
        String first = file(Reports.aPothole().at(lat, LON));
        Map<String, Object> second = requests.filed(Reports.aPothole().at(lat, LON).north(12));
        List<?> duplicates = (List<?>) second.get("possible_duplicates");
        assertEquals(1, duplicates.size());
        assertEquals(first, ((Map<?, ?>) duplicates.get(0)).get("tracking_number"));
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT d.tracking_number FROM service_request r JOIN service_request d ON d.id = r.suspected_duplicate_of
                WHERE r.tracking_number = '%s'""".formatted(second.get("tracking_number")))) {
            assertTrue(rs.next());
            assertEquals(first, rs.getString(1));
        }
    }

    @Test
    void badParametersAreNamed() {
        requests.problem(HttpRequest.GET("/v1/requests/nearby?service_code=pothole&lat=91&lon=0"),
                HttpStatus.BAD_REQUEST, "invalid-parameter");
        requests.problem(HttpRequest.GET("/v1/requests/nearby?service_code=pothole&lat=40&lon=-83&radius=5000"),
                HttpStatus.BAD_REQUEST, "invalid-parameter");
        requests.problem(HttpRequest.GET("/v1/requests/nearby?service_code=nope&lat=40&lon=-83"),
                HttpStatus.NOT_FOUND, "not-found");
    }
}
