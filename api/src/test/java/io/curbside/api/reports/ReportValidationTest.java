package io.curbside.api.reports;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.Reports;
import io.curbside.api.testing.RequestsClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.RequestsClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a report can be wrong is a 4xx problem naming the field, and nothing is stored. */
@MicronautTest(transactional = false)
class ReportValidationTest extends HttpTest {

    @AfterEach
    void nothingWasStored() throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT (SELECT count(*) FROM service_request) + (SELECT count(*) FROM request_event)"
                        + " + (SELECT count(*) FROM idempotency_record)")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "a refused report leaves no row behind");
        }
    }

    private Map<String, Object> invalid(Reports report, String... expectedFields) {
        Map<String, Object> problem = requests.problem(report.json(), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of(expectedFields), fields(problem), problem::toString);
        return problem;
    }

    @Test
    void anUnknownServiceIsNamed() {
        Map<String, Object> p = invalid(Reports.of("pothol"), "service_code");
        assertTrue(((String) p.get("detail")).contains("pothol"));
    }

    @Test
    void aMissingRequiredAnswerIsNamed() {
        invalid(Reports.of("pothole"), "answers.size");
    }

    @Test
    void anAnswerNotAmongTheValuesIsNamedWithTheAllowedOnes() {
        Map<String, Object> p = invalid(Reports.of("pothole").answer("size", "huge"), "answers.size");
        assertTrue(p.toString().contains("small, medium, large"), p.toString());
    }

    @Test
    void answersOfTheWrongDatatypeAreNamed() {
        invalid(Reports.of("abandoned-vehicle").answer("vehicle", "red truck").answer("days-parked", "a week"),
                "answers.days-parked");
        invalid(Reports.of("abandoned-vehicle").answer("vehicle", 42), "answers.vehicle");
        invalid(Reports.of("sidewalk-damage").answer("problem", "cracked"), "answers.problem");
        invalid(Reports.of("sidewalk-damage").answer("problem", List.of("cracked", "cracked")), "answers.problem");
        invalid(Reports.of("sidewalk-damage").answer("problem", List.of("cracked", "melted")), "answers.problem");
        invalid(Reports.of("missed-trash-pickup").answer("set-out-time", "yesterday").answer("cart-location", "curb")
                .contact(null, "a@example.org", null), "answers.set-out-time");
        invalid(Reports.aPothole().answer("colour", "grey"), "answers.colour");
        invalid(Reports.of("abandoned-vehicle").answer("vehicle", "x".repeat(501)), "answers.vehicle");
    }

    @Test
    void aDescriptionTooLongIsNamed() {
        invalid(Reports.aPothole().description("x".repeat(4001)), "description");
    }

    @Test
    void coordinatesOutOfRangeAreNamed() {
        invalid(Reports.aPothole().at(91, -83), "location.lat");
        invalid(Reports.aPothole().at(40, -181), "location.lon");
        invalid(Reports.aPothole().without("location"), "location");
    }

    @Test
    void aLocationOutsideTheCitySaysSoAndNamesTheCity() {
        Map<String, Object> p = requests.problem(Reports.aPothole().at(40.3, -83.4).json(),
                HttpStatus.UNPROCESSABLE_ENTITY, "outside-jurisdiction");
        assertTrue(((String) p.get("detail")).contains("City of Riverton"), p.toString());
        assertEquals(List.of("location"), fields(p));
    }

    @Test
    void anEmergencyIsSentTo911AndNothingIsStored() {
        Map<String, Object> p = requests.problem(Reports.of("gas-leak-downed-wire").with("language", "es").json(),
                HttpStatus.UNPROCESSABLE_ENTITY, "emergency");
        assertTrue(((String) p.get("detail")).contains("911"), p.toString());
    }

    @Test
    void photosWhereTheServiceNeedsOneAreNamed() {
        invalid(Reports.of("graffiti").answer("surface", List.of("fence")).answer("offensive", "no"), "photos");
    }

    @Test
    void aServiceThatCannotBeAnonymousNeedsAWayToReachTheReporter() {
        Reports missed = Reports.of("missed-trash-pickup").answer("set-out-time", "2026-11-23T06:30")
                .answer("cart-location", "curb");
        invalid(missed, "contact");
        invalid(missed.contact("Ana", null, null), "contact");
        invalid(missed.contact("Ana", "not-an-address", null), "contact.email");
        invalid(Reports.aPothole().contact(null, null, "555-01"), "contact.phone");
    }

    @Test
    void aBadLanguageTagIsNamed() {
        invalid(Reports.aPothole().with("language", "not a tag!"), "language");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        invalid(Reports.of("pothole").answer("size", "huge").description("x".repeat(4001)).at(91, 0),
                "description", "location.lat");
        invalid(Reports.of("abandoned-vehicle").answer("days-parked", "many").contact(null, "bad", null),
                "answers.days-parked", "answers.vehicle", "contact.email");
    }

    @Test
    void controlCharactersAndLoneSurrogatesInAnyTextAreNamed() {
        Map<String, Object> p = invalid(Reports.aPothole().description("deep\u0000hole").whereExactly("by \u0007 the stop")
                .contact("Ana\u0000", "ana@example.org", null).with("device_id", "dev\u0000"),
                "contact.name", "description", "device_id", "location.description");
        assertTrue(((String) p.get("detail")).contains("U+0000"), p::toString);
        invalid(Reports.of("abandoned-vehicle").answer("vehicle", "white \ud800 van"), "answers.vehicle");
    }

    @Test
    void aNumberNoOneMeansIsNamed() {
        invalid(Reports.of("abandoned-vehicle").answer("vehicle", "van").answer("days-parked", "1e200000"),
                "answers.days-parked");
        invalid(Reports.of("abandoned-vehicle").answer("vehicle", "van").answer("days-parked", "0." + "1".repeat(40)),
                "answers.days-parked");
        // A million zeros is refused by its length, at once: stripping them would take minutes.
        invalid(Reports.of("abandoned-vehicle").answer("vehicle", "van").answer("days-parked", "1" + "0".repeat(900_000)),
                "answers.days-parked");
    }

    @Test
    void tooManyAnswersAreOneViolationNotAMillion() {
        Reports report = Reports.aPothole();
        for (int i = 0; i < 1000; i++) {
            report.answer("made-up-" + i, i);
        }
        Map<String, Object> p = invalid(report, "answers");
        assertTrue(((String) p.get("detail")).length() < 200, p::toString);
    }

    @Test
    void aJsonBodyOverAMegabyteIsRefusedUnread() {
        String body = "{\"service_code\": \"pothole\", \"description\": \"" + "x".repeat(1024 * 1024) + "\"}";
        Map<String, Object> p = requests.problem(HttpRequest.POST("/v1/requests", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE), HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large");
        assertTrue(((String) p.get("detail")).contains("1048576"), p::toString);
    }

    @Test
    void malformedJsonIsABadBodyAndAWrongTypeABadField() {
        requests.problem(HttpRequest.POST("/v1/requests", "{\"service_code\": \"pothole\", ")
                .contentType(MediaType.APPLICATION_JSON_TYPE), HttpStatus.BAD_REQUEST, "invalid-body");
        assertEquals(List.of("location.lat"), fields(requests.problem(HttpRequest.POST("/v1/requests",
                "{\"service_code\": \"pothole\", \"location\": {\"lat\": \"north\"}}")
                .contentType(MediaType.APPLICATION_JSON_TYPE), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields")));
    }

    @Test
    void anotherBodyTypeIsUnsupported() {
        requests.problem(HttpRequest.POST("/v1/requests", "service_code=pothole")
                .contentType(MediaType.TEXT_PLAIN_TYPE), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
    }

    @Test
    void aBadIdempotencyKeyIsNamed() {
        Map<String, Object> p = requests.problem(HttpRequest.POST("/v1/requests", Reports.aPothole().json())
                .header("Idempotency-Key", "é".repeat(3)), HttpStatus.BAD_REQUEST, "invalid-parameter");
        assertEquals(List.of("Idempotency-Key"), fields(p));
    }
}
