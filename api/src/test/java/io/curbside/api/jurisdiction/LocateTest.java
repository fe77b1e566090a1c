package io.curbside.api.jurisdiction;

import io.curbside.api.testing.DatabaseTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /v1/jurisdiction/locate, point-in-polygon in PostGIS, against the demo city's pinned
 * points (DemoJurisdictionTest keeps the file true to them).
 */
@MicronautTest(transactional = false)
class LocateTest extends DatabaseTest {

    @Inject
    @Client("/")
    HttpClient client;

    private Map<?, ?> locate(double lat, double lon) {
        return client.toBlocking().retrieve(HttpRequest.GET("/v1/jurisdiction/locate?lat=" + lat + "&lon=" + lon), Map.class);
    }

    private static String council(Map<?, ?> location) {
        return ((List<?>) location.get("districts")).stream().map(Map.class::cast)
                .filter(d -> d.get("layer").equals("council_districts"))
                .map(d -> (String) d.get("code")).findFirst().orElse(null);
    }

    @ParameterizedTest(name = "{1},{2} is in council district {0}")
    @CsvSource({
        // deep inside each district
        "1, 40.026777, -83.056775", "2, 40.024129, -83.014396", "3, 40.021212, -82.954995",
        "4, 39.974568, -83.057595", "5, 39.997113, -82.992588", "6, 39.972560, -82.949835",
        "7, 39.968060, -83.014075",
        // 20 m either side of shared edges: routing must not blur a boundary
        "1, 40.028395, -83.031830", "2, 40.028448, -83.031367",
        "4, 39.968439, -83.034772", "7, 39.968330, -83.034325",
        "5, 39.981746, -83.003907", "7, 39.981399, -83.004033",
        // exactly on a vertex shared by districts 1 and 2: the code that sorts first, every time
        "1, 40.018766, -83.029763",
    })
    void findsTheCouncilDistrict(String district, double lat, double lon) {
        Map<?, ?> location = locate(lat, lon);
        assertEquals(true, location.get("inside"));
        assertEquals(district, council(location));
        assertTrue(((List<?>) location.get("districts")).stream().map(Map.class::cast)
                .anyMatch(d -> d.get("layer").equals("neighborhoods")), "every point is in a neighborhood too");
    }

    @Test
    void aPointOnTheCityLimitIsInside() {
        assertEquals(true, locate(39.955045, -83.0615).get("inside"));
    }

    @Test
    void aPointOutsideSaysSoAndNamesTheCity() {
        for (double[] p : new double[][] {{40.0, -83.0826}, {40.3, -83.4}}) {
            Map<?, ?> location = locate(p[0], p[1]);
            assertEquals(false, location.get("inside"));
            assertEquals("City of Riverton", location.get("city"));
            assertTrue(((List<?>) location.get("districts")).isEmpty());
        }
    }

    @ParameterizedTest
    @CsvSource({"lat=91&lon=-83,lat", "lat=40&lon=-181,lon", "lat=40,lon", "lat=abc&lon=-83,lat", "lat=NaN&lon=-83,lat"})
    void aBadCoordinateIsA400NamingIt(String query, String field) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/v1/jurisdiction/locate?" + query), Map.class));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus(), query);
        Map<?, ?> problem = e.getResponse().getBody(Map.class).orElseThrow();
        assertEquals("urn:curbside:problem:invalid-parameter", problem.get("type"), query);
        List<?> violations = (List<?>) problem.get("violations");
        assertFalse(violations == null || violations.isEmpty(), query + ": " + problem);
        assertEquals(field, ((Map<?, ?>) violations.get(0)).get("field"), query + ": " + problem);
    }
}
