package io.curbside.api.opendata;

import io.curbside.api.testing.CatalogAdmin;
import io.curbside.api.testing.MailParts;
import io.curbside.api.testing.MailTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.curbside.geo.LatLon;
import io.curbside.geo.LocationGeneralizer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public paths that are not open-data routes (status page, nearby, updates feed, follower
 * e-mail) show a request only as its one public form: for requests of an open, a sensitive and a
 * withheld service, each reported with personal data and acknowledged with a note naming a house,
 * a phone and the reporter, nothing private reaches a follower or a passer-by, a sensitive class
 * shows dates and no text, a withheld one no text, and the point is the current policy's cell.
 */
@MicronautTest(transactional = false)
class PublicPathsTest extends MailTest {

    private static final double LAT = 39.9871234;
    private static final double LON = -82.9825678;
    private static final ZoneId CITY = ZoneId.of("America/New_York");
    private static final String NOTE = "Crew sent to 1002 Quillan St; call Zed Secretname at (870) 711-8617";
    private static final List<String> SECRETS = List.of("Zed Secretname", "Secretname", "zed.secret@example.org",
            "614-555-0199", "555 0199", "device-SECRET-42", "77 Hidden Lane", "1002 Quillan", "Quillan", "(870)",
            "711-8617", "9871234", "9825678");

    private Map<String, Object> follower;
    private String open;
    private String sensitive;
    private String withheld;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(super.extraProperties());
        properties.putAll(People.bootstrapAdmin());
        return properties;
    }

    @BeforeAll
    void fileFollowAndAcknowledge() throws Exception {
        People people = new People(http);
        follower = verifiedResident("follower");
        open = file(Reports.aPothole());
        sensitive = file(Reports.of("encampment-concern").answer("concern", List.of("blocking")));
        withheld = file(Reports.of("welfare-concern").answer("who", "older-adult").answer("noticed", "Mail piling up"));
        for (String number : List.of(open, sensitive, withheld)) {
            http.toBlocking().exchange(HttpRequest.PUT("/v1/requests/" + number + "/follow", Map.of())
                    .bearerAuth(token(follower)));
        }
        Map<String, Object> streets = people.staffOf("streets");
        Map<String, Object> humanServices = people.staffOf("human-services");
        forgetQueuedMail();
        acknowledge(streets, open);
        acknowledge(humanServices, sensitive);
        acknowledge(humanServices, withheld);
    }

    @Test
    void theFeedShowsEachEventAsItsRequestsClassPublishesIt() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).untilAsserted(() ->
                assertEquals(3, updates().stream().filter(u -> "acknowledged".equals(u.get("kind"))).count()));
        String raw = http.toBlocking().retrieve(HttpRequest.GET("/v1/me/updates?limit=200").bearerAuth(token(follower)));
        SECRETS.forEach(secret -> assertFalse(raw.contains(secret), () -> secret + " in the feed: " + raw));
        for (Map<?, ?> update : updates()) {
            Object number = update.get("tracking_number");
            LocalTime at = ZonedDateTime.parse((String) update.get("at")).withZoneSameInstant(CITY).toLocalTime();
            if (number.equals(sensitive)) {
                assertEquals(LocalTime.MIDNIGHT, at, () -> "a sensitive class publishes dates: " + update);
            }
            if ("acknowledged".equals(update.get("kind"))) {
                if (number.equals(open)) {
                    assertTrue(((String) update.get("note")).startsWith("Crew sent to "), update::toString);
                } else {
                    assertNull(update.get("note"), () -> "no text from a sensitive or withheld class: " + update);
                }
            }
        }
        assertTrue(updates().stream().anyMatch(u -> u.get("tracking_number").equals(open) && !ZonedDateTime.parse(
                (String) u.get("at")).withZoneSameInstant(CITY).toLocalTime().equals(LocalTime.MIDNIGHT)),
                "an open class shows the time");
    }

    @Test
    void followersAreMailedOnlyWhatThePublicReads() throws Exception {
        worker.runOnce();
        assertTrue(smtp.waitForIncomingEmail(5_000, 3));
        int news = 0;
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            String subject = mail.getSubject();
            // Other mail (an admin's sign-in) may have been queued by another test of this class.
            if (Stream.of(open, sensitive, withheld).noneMatch(subject::startsWith)) {
                continue;
            }
            news++;
            String body = MailParts.text(mail);
            SECRETS.forEach(secret -> assertFalse(body.contains(secret) || subject.contains(secret),
                    () -> subject + " shows " + secret + ":\n" + body));
            assertEquals(subject.startsWith(open), body.contains("Crew sent to"), () -> subject + ":\n" + body);
        }
        assertEquals(3, news, "one mail per acknowledged request");
    }

    @Test
    void theStatusPageShowsNoTextOfAClassThatPublishesNone() {
        String before = (String) status(open).get("description");
        assertNotNull(before, "an open class shows the scrubbed description");
        SECRETS.forEach(secret -> assertFalse(before.contains(secret), before));
        assertNull(status(sensitive).get("description"));
        assertNull(status(withheld).get("description"));
        assertNull(status(withheld).get("location"));
    }

    /**
     * Erasure empties the request's contact name, so a note naming the reporter could no longer be
     * scrubbed of it: the public notes leave the status page and the feed (the webhook side is
     * WebhookPublicFormTest's). The reporter's own description was scrubbed of their name as the account
     * went, so it stays as the public read it (PublicChangesOnlyTest). Its own request and follower, so
     * that the other tests' counts do not depend on the order tests run in.
     */
    @Test
    void theReportersWordsAndNotesLeaveEveryPublicAnswerOnceTheyErasedTheirAccount() throws Exception {
        Map<String, Object> zed = new People(http).register("zed");
        Map<String, Object> reader = verifiedResident("reader");
        String number = (String) http.toBlocking().retrieve(HttpRequest.POST("/v1/requests", Reports.aPothole()
                .at(LAT, LON).description("Zed Secretname here: the hole by my drive is deep")
                .contact("Zed Secretname", People.email(zed), "+1 614 555 0199").json()).bearerAuth(token(zed)), JSON)
                .get("tracking_number");
        http.toBlocking().exchange(HttpRequest.PUT("/v1/requests/" + number + "/follow", Map.of()).bearerAuth(token(reader)));
        acknowledge(new People(http).staffOf("streets"), number, "Called Zed Secretname back");
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).untilAsserted(() ->
                assertEquals(List.of("Called [name] back"), notesIn(reader, number), "scrubbed while the name is known"));
        Object description = status(number).get("description");
        assertNotNull(description);

        http.toBlocking().exchange(HttpRequest.POST("/v1/me/deletion", Map.of()).bearerAuth(token(zed)));
        String page = http.toBlocking().retrieve(HttpRequest.GET("/v1/requests/" + number));
        String feed = http.toBlocking().retrieve(HttpRequest.GET("/v1/me/updates?limit=200").bearerAuth(token(reader)));
        for (String raw : List.of(page, feed)) {
            assertFalse(raw.contains("Secretname") || raw.contains("Called"), raw);
        }
        assertEquals(description, status(number).get("description"), "their words, scrubbed of their name, stay");
        assertTrue(page.contains("\"acknowledged\""), () -> "the event itself stays, without its note: " + page);
        assertEquals(List.of(), notesIn(reader, number));
        assertTrue(feed.contains(number), "the update itself stays in the feed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void nearbyListsThePointTheCurrentPolicyPublishes() {
        LatLon exact = new LatLon(LAT, LON);
        LatLon fine = new LocationGeneralizer(100).snap(exact);
        assertNotEquals(fine, new LocationGeneralizer(100).snap(new LocationGeneralizer(500).snap(exact)),
                "the test needs a point whose fine cell is not that of its coarse cell's centre");
        assertEquals(List.of(), nearby("encampment-concern"), "a sensitive class is never listed");
        CatalogAdmin catalog = new CatalogAdmin(http, token(new People(http).admin()));
        HttpResponse<Map<String, Object>> current = catalog.get("encampment-concern");
        Map<String, Object> entry = new HashMap<>((Map<String, Object>) current.body().get("definition"));
        HttpResponse<Map<String, Object>> edited = catalog.replace("encampment-concern",
                CatalogAdmin.with(entry, "privacy", "open"), current.getHeaders().get("ETag"));
        try {
            List<Map<String, Object>> listed = nearby("encampment-concern");
            assertEquals(List.of(sensitive), listed.stream().map(r -> r.get("tracking_number")).toList());
            Map<?, ?> location = (Map<?, ?>) listed.get(0).get("location");
            assertEquals(100, location.get("precision_m"));
            assertEquals(fine, new LatLon(((Number) location.get("lat")).doubleValue(),
                    ((Number) location.get("lon")).doubleValue()), "the fine cell of the reported point, re-projected");
        } finally {
            catalog.replace("encampment-concern", CatalogAdmin.with(entry, "privacy", "sensitive"),
                    edited.getHeaders().get("ETag"));
        }
    }

    private String file(Reports report) {
        return (String) requests.filed(report.at(LAT, LON).whereExactly("at 77 Hidden Lane")
                .description("Please call Zed Secretname at 614-555-0199 or zed.secret@example.org, 77 Hidden Lane")
                .contact("Zed Secretname", "zed.secret@example.org", "+1 614 555 0199")
                .with("device_id", "device-SECRET-42")).get("tracking_number");
    }

    private void acknowledge(Map<String, Object> staff, String number) {
        acknowledge(staff, number, NOTE);
    }

    private void acknowledge(Map<String, Object> staff, String number, String note) {
        http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + number + "/status",
                Map.of("status", "acknowledged", "note", note)).header("If-Match", "*").bearerAuth(token(staff)));
    }

    private List<Map<?, ?>> updates() {
        return updates(follower);
    }

    private List<Map<?, ?>> updates(Map<String, Object> reader) {
        return ((List<?>) http.toBlocking().retrieve(HttpRequest.GET("/v1/me/updates?limit=200")
                .bearerAuth(token(reader)), JSON).get("updates")).stream().<Map<?, ?>>map(u -> (Map<?, ?>) u).toList();
    }

    /** The notes of a request's updates in a follower's feed. */
    private List<Object> notesIn(Map<String, Object> reader, String number) {
        return updates(reader).stream().filter(u -> number.equals(u.get("tracking_number")))
                .<Object>map(u -> u.get("note")).filter(Objects::nonNull).toList();
    }

    private Map<String, Object> status(String number) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/requests/" + number), JSON);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> nearby(String service) {
        String raw = http.toBlocking().retrieve(HttpRequest.GET("/v1/requests/nearby?service_code=" + service
                + "&lat=" + LAT + "&lon=" + LON + "&radius=500"));
        SECRETS.forEach(secret -> assertFalse(raw.contains(secret), () -> secret + " in nearby: " + raw));
        return (List<Map<String, Object>>) http.toBlocking().retrieve(HttpRequest.GET("/v1/requests/nearby?service_code="
                + service + "&lat=" + LAT + "&lon=" + LON + "&radius=500"), JSON).get("requests");
    }
}
