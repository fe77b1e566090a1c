package io.curbside.api.addresses;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/addresses finds what a resident means however it is typed; /reverse the nearest point. */
@MicronautTest(transactional = false)
class AddressSearchTest extends HttpTest {

    private static final String CSV = AddressImportTest.HEADER
            + "-82.9930,39.99715,100,North Main Street,,,,,,M-100,\n"
            + "-82.9928,39.99715,102,N. Main St.,,,,,,M-102,\n"
            + "-82.9926,39.99715,104,N Main St,,,,,,M-104,\n"
            + "-82.9926,39.99715,104,N Main St,Apt 1,,,,,M-104-1,\n"
            + "-82.9926,39.99715,104,N Main St,Apartment 2,,,,,M-104-2,\n"
            + "-82.9920,39.99715,110,N MAIN ST,,,,,,M-110,\n"
            + "-82.9930,39.99705,101,N Main St,,,,,,M-101,\n"
            + "-82.9928,39.99705,103,N Main St,,,,,,M-103,\n"
            + "-82.9900,39.9980,100,Maine Avenue,,,,,,E-100,\n"
            + "-82.9898,39.9980,102,Maine Avenue,,,,,,E-102,\n"
            + "-82.9950,39.9960,12,Cedar Hollow Road,,,,,,C-12,\n"
            + "-82.9948,39.9960,14,Cedar Hollow Road,,,,,,C-14,\n"
            + "-82.9960,39.9950,5,Old Mill Rd,,,,,,O-5,\n";

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void load() {
        Map<String, Object> admin = new People(http).admin();
        http.toBlocking().retrieve(HttpRequest.PUT("/v1/admin/addresses", CSV.getBytes(StandardCharsets.UTF_8))
                .contentType("text/csv").bearerAuth(token(admin)), JSON);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> search(String q) {
        return (List<Map<String, Object>>) http.toBlocking().retrieve(HttpRequest.GET(
                UriBuilder.of("/v1/addresses").queryParam("q", q).toString()), JSON).get("addresses");
    }

    private static List<Object> labels(List<Map<String, Object>> answers) {
        return answers.stream().map(a -> a.get("label")).toList();
    }

    @ParameterizedTest
    @CsvSource({
            "102 n main st,            102 N MAIN ST",
            "102 North Main Street,    102 N MAIN ST",
            "102 main,                 102 N MAIN ST",
            "102 mian st,              102 N MAIN ST",
            "102 main stret,           102 N MAIN ST",
            "102 N MAIN ST,            102 N MAIN ST",
            "100 maine avenue,         100 MAINE AVE",
            "100 maine av,             100 MAINE AVE",
            "14 cedar hollow,          14 CEDAR HOLLOW RD",
            "14 cedr holow rd,         14 CEDAR HOLLOW RD",
            "'5 old mill road, Riverton 43215', 5 OLD MILL RD",
    })
    void typosAbbreviationsAndMissingTypesFindTheAddress(String q, String first) {
        List<Map<String, Object>> answers = search(q);
        assertFalse(answers.isEmpty(), q);
        assertEquals(first, answers.get(0).get("label"), () -> q + " -> " + labels(answers));
        assertEquals(Set.of("id", "label", "lat", "lon", "interpolated"), answers.get(0).keySet(),
                "the address point, and nothing about requests");
    }

    @Test
    void theUnitAskedForComesFirstThenTheBuilding() {
        assertEquals(List.of("104 N MAIN ST APT 2", "104 N MAIN ST", "104 N MAIN ST APT 1"),
                labels(search("104 n main st apt 2")).subList(0, 3));
        assertEquals("104 N MAIN ST APT 1", search("104 main #1").get(0).get("label"));
        assertEquals("104 N MAIN ST", search("104 main").get(0).get("label"), "the building before its units");
        assertEquals("M-104-2", search("104 Main Street, Apartment 2").get(0).get("id"));
    }

    @Test
    void aNumberBetweenTwoOnTheSameSideIsInterpolated() {
        Map<String, Object> first = search("106 n main st").get(0);
        assertEquals("106 N MAIN ST", first.get("label"));
        assertEquals(true, first.get("interpolated"));
        assertNull(first.get("id"), "no point has this number");
        assertEquals(-82.9924, ((Number) first.get("lon")).doubleValue(), 1e-6, "a third of the way from 104 to 110");
        assertEquals(39.99715, ((Number) first.get("lat")).doubleValue(), 1e-6);
        Map<String, Object> exact = search("104 n main st").get(0);
        assertEquals(false, exact.get("interpolated"));
        assertTrue(search("120 n main st").stream().noneMatch(a -> Boolean.TRUE.equals(a.get("interpolated"))),
                "past the last known number there is nothing to interpolate between");
    }

    @Test
    void exactNumberOnTheBestStreetFirstThenNeighbours() {
        List<Object> labels = labels(search("100 main"));
        assertEquals("100 N MAIN ST", labels.get(0), labels::toString);
        assertTrue(labels.contains("100 MAINE AVE"), labels::toString);
        assertTrue(labels.indexOf("100 N MAIN ST") < labels.indexOf("100 MAINE AVE"),
                "the street typed before another one with the number: " + labels);
        List<Object> w1st = labels(search("44 n main st"));
        assertEquals("100 N MAIN ST", w1st.get(0), "a number the street lacks: its nearest numbers first, not "
                + "another street that has it: " + w1st);
        assertEquals(List.of("100 N MAIN ST", "101 N MAIN ST"), labels(search("n main st")).subList(0, 2),
                "no number yet: the street's first numbers");
        assertEquals(2, http.toBlocking().retrieve(HttpRequest.GET("/v1/addresses?q=main&limit=2"), JSON)
                .get("addresses") instanceof List<?> l ? l.size() : -1);
        assertEquals(List.of(), search("999 zebra crossing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=", "q=%20%20", "q=!!!", "q=main&limit=0", "q=main&limit=11", "q=main&limit=x",
            "limit=5"})
    void badQueriesAreProblems(String query) {
        requests.problem(HttpRequest.GET("/v1/addresses?" + query), HttpStatus.BAD_REQUEST, "invalid-parameter");
    }

    @Test
    void aQueryTooLongIsAProblem() {
        requests.problem(HttpRequest.GET("/v1/addresses?q=" + "a".repeat(201)), HttpStatus.BAD_REQUEST,
                "invalid-parameter");
    }

    @Test
    void reverseGivesTheNearestPointWithItsDistance() {
        Map<String, Object> at = http.toBlocking().retrieve(HttpRequest.GET(
                "/v1/addresses/reverse?lat=39.99715&lon=-82.9928"), JSON);
        assertEquals("M-102", at.get("id"));
        assertEquals("102 N MAIN ST", at.get("label"));
        assertEquals(0.0, ((Number) at.get("distance")).doubleValue(), 0.1);
        // 0.0003° of latitude north of 14 Cedar Hollow Rd: 33.3 m.
        Map<String, Object> near = http.toBlocking().retrieve(HttpRequest.GET(
                "/v1/addresses/reverse?lat=39.9963&lon=-82.9948&radius=40"), JSON);
        assertEquals("C-14", near.get("id"));
        assertEquals(33.3, ((Number) near.get("distance")).doubleValue(), 0.3);
        assertEquals(Set.of("id", "label", "lat", "lon", "distance"), near.keySet());
    }

    @Test
    void reverseSaysSoWhenNothingIsNearOrTheQuestionIsWrong() {
        Map<String, Object> problem = requests.problem(HttpRequest.GET(
                "/v1/addresses/reverse?lat=39.9990&lon=-82.9948"), HttpStatus.NOT_FOUND, "not-found");
        assertTrue(problem.get("detail").toString().contains("50 m"), problem::toString);
        for (String query : List.of("lat=91&lon=-82.99", "lat=39.99&lon=-82.99&radius=501", "lat=39.99&lon=-82.99&radius=0",
                "lat=39.99", "lat=NaN&lon=-82.99")) {
            requests.problem(HttpRequest.GET("/v1/addresses/reverse?" + query), HttpStatus.BAD_REQUEST,
                    "invalid-parameter");
        }
    }
}
