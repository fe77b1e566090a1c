package io.curbside.api.reports;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.curbside.api.testing.RequestsClient;
import io.curbside.geo.LatLon;
import io.curbside.geo.LocationGeneralizer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Duplicates: open requests of the same service within a radius in metres (on the geography,
 * never degrees) and a time window, for the app while the resident types and for intake.
 */
@MicronautTest(transactional = false)
class NearbyRequestsTest extends HttpTest {

    /** A block of the demo city where nothing else in this class is filed. */
    private static final double LAT = 40.026777;
    private static final double LON = -83.056775;

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

    private String suspectedDuplicateOf(String trackingNumber) throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT d.tracking_number FROM service_request r LEFT JOIN service_request d ON d.id = r.suspected_duplicate_of
                WHERE r.tracking_number = '%s'""".formatted(trackingNumber))) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static double eastMetre(double lat) {
        return 1 / (Reports.METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
    }

    @Test
    void theDuplicateRadiusIsInMetresEastAndNorthAlike() throws Exception {
        // At 40 degrees north a degree of longitude is only ~85 km, so a radius in degrees would get east wrong.
        // Three spots about 500 m apart, so that each sees only its own requests.
        double lat = LAT + 0.004;
        double west = LON - 0.006;
        double far = LON + 0.006;
        String east38 = file(Reports.aPothole().at(lat, west + 38 * eastMetre(lat)));
        assertEquals(east38, suspectedDuplicateOf(file(Reports.aPothole().at(lat, west))));

        file(Reports.aPothole().at(lat, LON + 60 * eastMetre(lat)));
        file(Reports.aPothole().at(lat, LON).north(70));
        assertNull(suspectedDuplicateOf(file(Reports.aPothole().at(lat, LON))), "60 m east and 70 m north are too far");

        String north45 = file(Reports.aPothole().at(lat, far).north(45));
        assertEquals(north45, suspectedDuplicateOf(file(Reports.aPothole().at(lat, far))));
    }

    @Test
    void thePublicListIsWorkedOutFromCellCentresSoNoQueryFindsTheExactSpot() {
        LocationGeneralizer cells = new LocationGeneralizer(100);
        LatLon centre = cells.snap(new LatLon(LAT - 0.012, LON));
        double east = eastMetre(centre.lat());
        double north = 1 / Reports.METRES_PER_DEGREE;
        // Two requests at different spots of one cell.
        LatLon a = new LatLon(centre.lat() + 20 * north, centre.lon() + 10 * east);
        LatLon b = new LatLon(centre.lat() - 30 * north, centre.lon() - 25 * east);
        assertEquals(centre, cells.snap(a));
        assertEquals(centre, cells.snap(b));
        String first = file(Reports.aPothole().at(a.lat(), a.lon()));
        String second = file(Reports.aPothole().at(b.lat(), b.lon()));

        Random random = new Random(7);
        int listed = 0;
        for (int i = 0; i < 40; i++) {
            LatLon query = new LatLon(centre.lat() + (random.nextDouble() - 0.5) * 300 * north,
                    centre.lon() + (random.nextDouble() - 0.5) * 300 * east);
            int radius = 10 + random.nextInt(120);
            Map<Object, Object> found = nearby("pothole", query.lat(), query.lon(), "&radius=" + radius).stream()
                    .collect(Collectors.toMap(r -> r.get("tracking_number"), r -> r.get("distance_m")));
            String where = "query " + query + " radius " + radius + ": " + found;
            // Both or neither, at one distance: nothing in the answer tells the two spots apart.
            assertEquals(found.containsKey(first), found.containsKey(second), where);
            assertEquals(found.get(first), found.get(second), where);
            double toCentre = query.metresTo(centre);
            assertEquals(toCentre <= radius + 75, found.containsKey(first), where);
            if (found.containsKey(first)) {
                listed++;
                assertEquals((int) Math.max(10, Math.ceil(toCentre / 10) * 10), found.get(first), where);
            }
            // And nothing within the radius of the exact spot is ever missed.
            if (query.metresTo(a) <= radius) {
                assertTrue(found.containsKey(first), where);
            }
        }
        assertTrue(listed > 5 && listed < 35, "the queries fall both sides of the edge: " + listed);
    }

    @Test
    void onlyOpenRequestsOfTheSameServiceAndOfTheWindowCount() throws Exception {
        double lat = LAT - 0.004;
        String open = file(Reports.aPothole().at(lat, LON).north(5));
        String closed = file(Reports.aPothole().at(lat, LON).north(10));
        String old = file(Reports.aPothole().at(lat, LON).north(15));
        file(Reports.of("abandoned-vehicle").answer("vehicle", "white van").at(lat, LON));
        sql("UPDATE service_request SET status = 'closed', closed_at = now(), close_reason = 'fixed' WHERE tracking_number = '" + closed + "'");
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
    void whatIsStoredForThePublicIsTheCellCentreOrNothing() throws Exception {
        LatLon exact = new LatLon(LAT + 0.0123456, LON + 0.0012345);
        String pothole = file(Reports.aPothole().at(exact.lat(), exact.lon()));
        String welfare = file(Reports.of("welfare-concern").answer("who", "older-adult").answer("noticed", "no lights")
                .at(exact.lat(), exact.lon()));
        String sensitive = file(Reports.of("encampment-concern").answer("concern", List.of("blocking"))
                .at(exact.lat(), exact.lon()));
        assertEquals(new LocationGeneralizer(100).snap(exact), publicLocation(pothole));
        assertEquals(new LocationGeneralizer(500).snap(exact), publicLocation(sensitive));
        assertNull(publicLocation(welfare), "a withheld service publishes no place at all");
    }

    private LatLon publicLocation(String trackingNumber) throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT ST_Y(public_location::geometry), ST_X(public_location::geometry) FROM service_request
                WHERE tracking_number = '%s'""".formatted(trackingNumber))) {
            assertTrue(rs.next());
            double lat = rs.getDouble(1);
            return rs.wasNull() ? null : new LatLon(lat, rs.getDouble(2));
        }
    }

    @Test
    void intakeOffersTheOpenDuplicatesAndRemembersTheNearest() throws Exception {
        double lat = LAT - 0.008;
        String first = file(Reports.aPothole().at(lat, LON));
        Map<String, Object> second = requests.filed(Reports.aPothole().at(lat, LON).north(12));
        List<?> duplicates = (List<?>) second.get("possible_duplicates");
        assertEquals(1, duplicates.size());
        assertEquals(first, ((Map<?, ?>) duplicates.get(0)).get("tracking_number"));
        assertEquals(first, suspectedDuplicateOf((String) second.get("tracking_number")));
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
