package io.curbside.api.opendata;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.curbside.geo.LatLon;
import io.curbside.geo.LocationGeneralizer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No public answer carries a reporter's identity, contact details, device id, exact location or
 * unscrubbed text: every public route is called for requests of every privacy class, and every
 * byte of every answer (bodies and headers) is searched for what was reported, and for the
 * details of a neighbour a liaison filed for.
 */
@MicronautTest(transactional = false)
class PublicRoutesPrivacyTest extends HttpTest {

    /** An exact point with digits no cell centre shares. */
    private static final double LAT = 39.9971234;
    private static final double LON = -82.9925678;
    private static final LatLon EXACT = new LatLon(LAT, LON);
    private static final ZoneId CITY = ZoneId.of("America/New_York");
    private static final List<String> SECRETS = List.of("Zed Secretname", "zed.secret@example.org", "614 555 0199",
            "614-555-0199", "device-SECRET-42", "77 Hidden Lane", "39.9971234", "-82.9925678", "9971234", "9925678");

    private final Map<String, String> numbers = new LinkedHashMap<>();
    /** A pothole a liaison filed for a neighbour, whose details are the same secrets. */
    private String filedForNeighbour;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void fileOneOfEachPrivacyClass() {
        Map<String, Reports> reports = Map.of(
                "pothole", Reports.aPothole(),
                "noise-complaint", Reports.of("noise-complaint").answer("source", "music").answer("last-heard", "2026-11-20T23:00"),
                "encampment-concern", Reports.of("encampment-concern").answer("concern", List.of("blocking")),
                "welfare-concern", Reports.of("welfare-concern").answer("who", "older-adult").answer("noticed", "Mail piling up for a week"));
        reports.forEach((service, report) -> {
            Map<String, Object> filed = requests.filed(report.at(LAT, LON).whereExactly("at 77 Hidden Lane")
                    .description("Please call Zed Secretname at 614-555-0199 or zed.secret@example.org")
                    .contact("Zed Secretname", "zed.secret@example.org", "+1 614 555 0199")
                    .with("device_id", "device-SECRET-42"));
            numbers.put(service, (String) filed.get("tracking_number"));
        });
        Map<String, Object> report = Reports.aPothole().at(LAT, LON).whereExactly("at 77 Hidden Lane")
                .description("Please call Zed Secretname at 614-555-0199 or zed.secret@example.org").json();
        report.put("neighbour", Map.of("name", "Zed Secretname", "email", "zed.secret@example.org",
                "phone", "+1 614 555 0199", "consent_to_contact", true));
        filedForNeighbour = (String) http.toBlocking().retrieve(HttpRequest.POST("/v1/liaison/requests", report)
                .bearerAuth(People.token(new People(http).liaison("lee"))), Map.class).get("tracking_number");
    }

    /** Every public answer about these requests, as text: status lines, headers and bodies. */
    private List<String> publicAnswers() {
        List<String> answers = new ArrayList<>();
        for (String lang : List.of("en", "es", "zh")) {
            answers.add(text(http.toBlocking().exchange(HttpRequest.GET("/v1/requests/" + filedForNeighbour + "?lang="
                    + lang), String.class)));
        }
        answers.add(text(http.toBlocking().exchange(HttpRequest.POST("/v1/requests/" + filedForNeighbour + "/me-too",
                Map.of("device_id", "someone-else")), String.class)));
        // Anyone may sign up, follow any request and read its news: what they see is public too.
        String stranger = People.token(new People(http).register("stranger"));
        for (Map.Entry<String, String> e : numbers.entrySet()) {
            answers.add(text(http.toBlocking().exchange(HttpRequest.PUT("/v1/requests/" + e.getValue() + "/follow", Map.of())
                    .bearerAuth(stranger), String.class)));
            answers.add(refused(HttpRequest.POST("/v1/requests/" + e.getValue() + "/rating", Map.of("score", 1))));
            for (String lang : List.of("en", "es", "zh")) {
                answers.add(text(http.toBlocking().exchange(HttpRequest.GET("/v1/requests/" + e.getValue() + "?lang=" + lang),
                        String.class)));
            }
            answers.add(text(http.toBlocking().exchange(HttpRequest.GET("/v1/requests/nearby?service_code=" + e.getKey()
                    + "&lat=" + LAT + "&lon=" + LON + "&radius=500"), String.class)));
            // What another resident filing the same kind of thing next door is told about it.
            Reports neighbour = e.getKey().equals("pothole") ? Reports.aPothole()
                    : e.getKey().equals("noise-complaint") ? Reports.of("noise-complaint").answer("source", "music")
                    .answer("last-heard", "2026-11-20T23:00") : null;
            if (neighbour != null) {
                // Filed at the centre of the same cell, so whatever it publishes of itself is that centre too.
                LatLon centre = new LocationGeneralizer(100).snap(EXACT);
                answers.add(text(http.toBlocking().exchange(HttpRequest.POST("/v1/requests",
                        neighbour.at(centre.lat(), centre.lon()).json()), String.class)));
            }
            if (!e.getKey().equals("welfare-concern")) {
                answers.add(text(http.toBlocking().exchange(HttpRequest.POST("/v1/requests/" + e.getValue() + "/me-too",
                        Map.of("device_id", "someone-else")), String.class)));
            }
        }
        answers.add(text(http.toBlocking().exchange(HttpRequest.GET("/v1/me/updates?limit=200").bearerAuth(stranger),
                String.class)));
        answers.add(text(http.toBlocking().exchange(HttpRequest.GET("/v1/opendata/changes?limit=10000"), String.class)));
        return answers;
    }

    /** The text of a refusal, which must tell no more than an answer. */
    private String refused(HttpRequest<?> request) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, String.class));
        return text(e.getResponse().getStatus(), e.getResponse(), e.getResponse().getBody(String.class).orElse(""));
    }

    private static String text(HttpResponse<String> response) {
        return text(response.getStatus(), response, response.getBody().orElse(""));
    }

    private static String text(HttpStatus status, HttpResponse<?> response, String body) {
        StringBuilder s = new StringBuilder().append(status).append('\n');
        response.getHeaders().forEach((name, values) -> s.append(name).append(": ").append(values).append('\n'));
        return s.append(body).toString();
    }

    @Test
    void noPublicAnswerCarriesAnythingPrivate() {
        int positions = 0;
        for (String answer : publicAnswers()) {
            for (String secret : SECRETS) {
                assertFalse(answer.contains(secret), () -> "\"" + secret + "\" in a public answer:\n" + answer);
            }
            // Every published position is the centre of the reported point's cell, on the 100 m or 500 m grid.
            Matcher m = Pattern.compile("\"lat\":(-?[0-9.]+),\"lon\":(-?[0-9.]+)").matcher(answer);
            while (m.find()) {
                positions++;
                LatLon published = new LatLon(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
                assertTrue(published.equals(new LocationGeneralizer(100).snap(EXACT))
                        || published.equals(new LocationGeneralizer(500).snap(EXACT)), () -> published + " is no cell centre");
            }
        }
        assertTrue(positions >= 9, "the search for positions found the published ones: " + positions);
    }

    @Test
    void theStatusTagNamesTheRequestByItsTrackingNumberNotItsRowId() {
        for (String number : numbers.values()) {
            String etag = http.toBlocking().exchange(HttpRequest.GET("/v1/requests/" + number), String.class)
                    .getHeaders().get("ETag");
            assertTrue(etag.startsWith("W/\"" + number + "."), etag);
        }
    }

    @Test
    void eachPrivacyClassPublishesWhatItAllows() {
        Map<String, Object> open = requests.status(numbers.get("pothole"));
        assertEquals(100, ((Map<?, ?>) open.get("location")).get("precision_m"));
        assertEquals("Please call [name] at [phone] or [email]", open.get("description"));

        Map<String, Object> limited = requests.status(numbers.get("noise-complaint"));
        assertEquals(100, ((Map<?, ?>) limited.get("location")).get("precision_m"));
        assertNull(limited.get("description"));

        Map<String, Object> sensitive = requests.status(numbers.get("encampment-concern"));
        assertEquals(500, ((Map<?, ?>) sensitive.get("location")).get("precision_m"));
        assertNull(sensitive.get("description"));

        Map<String, Object> withheld = requests.status(numbers.get("welfare-concern"));
        assertNull(withheld.get("location"));
        assertNull(withheld.get("description"));
    }

    @Test
    void aSensitiveClassShowsDatesNotTimesOnTheStatusPageAsInThePublishedDataset() {
        Map<String, Object> sensitive = requests.status(numbers.get("encampment-concern"));
        List<String> times = new ArrayList<>();
        for (String field : List.of("received_at", "updated_at", "expected_at")) {
            times.add((String) sensitive.get(field));
        }
        List<?> timeline = (List<?>) sensitive.get("timeline");
        assertFalse(timeline.isEmpty());
        timeline.forEach(e -> times.add((String) ((Map<?, ?>) e).get("at")));
        for (String time : times) {
            // The demo city's day starts at midnight in New York: the hour of a report can tell who made it.
            assertEquals(LocalTime.MIDNIGHT, ZonedDateTime.parse(time).withZoneSameInstant(CITY).toLocalTime(), time);
        }
        Map<String, Object> open = requests.status(numbers.get("pothole"));
        assertNotEquals(LocalTime.MIDNIGHT, ZonedDateTime.parse((String) open.get("received_at"))
                .withZoneSameInstant(CITY).toLocalTime(), "an open class shows the time");
    }
}
