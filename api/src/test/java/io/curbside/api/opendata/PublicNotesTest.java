package io.curbside.api.opendata;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.curbside.api.testing.MailTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A staff note meant for the public goes through the publication policy wherever the public reads
 * it (status view in every language, updates feed, follower e-mail): scrubbed for a service that
 * publishes text, left out for one that does not. Staff see in their answer what the public reads.
 */
@MicronautTest(transactional = false)
class PublicNotesTest extends MailTest {

    private static final String NOTE = "Crew sent to 1002 Quillan St; thanks Dmitri Y. ((870) 711-8617)";
    /** What of the note must never be published: the house number, the street, the phone, the reporter's name. */
    private static final List<String> PRIVATE = List.of("1002", "Quillan", "870", "711", "8617", "Dmitri");
    /** The same in a whole mail, whose links and numbers may hold any three digits. */
    private static final List<String> PRIVATE_IN_MAIL = List.of("1002 Quillan", "Quillan", "(870)", "711-8617", "Dmitri");

    private Map<String, Object> neighbour;
    private String pothole;
    private String welfare;
    private Map<String, Object> streetsAnswer;
    private Map<String, Object> humanServicesAnswer;

    /** An open and a withheld request, followed by a neighbour, each acknowledged by staff with the note. */
    @BeforeAll
    void acknowledgeBothWithTheNote() throws Exception {
        People people = new People(http);
        neighbour = verifiedResident("neighbour");
        Map<String, Object> streets = people.staffOf("streets");
        Map<String, Object> humanServices = people.staffOf("human-services");
        pothole = file(Reports.aPothole());
        welfare = file(Reports.of("welfare-concern").answer("who", "older-adult")
                .answer("noticed", "Mail piling up for a week"));
        for (String number : List.of(pothole, welfare)) {
            http.toBlocking().exchange(HttpRequest.PUT("/v1/requests/" + number + "/follow", Map.of())
                    .bearerAuth(token(neighbour)));
        }
        forgetQueuedMail();
        streetsAnswer = acknowledge(streets, pothole);
        humanServicesAnswer = acknowledge(humanServices, welfare);
    }

    @Test
    void staffSeeWhatThePublicWillRead() {
        Map<String, Object> open = lastEvent(streetsAnswer);
        assertEquals(NOTE, open.get("note"));
        String published = (String) open.get("public_note");
        assertNotNull(published, () -> "no public_note in " + open);
        assertScrubbed(published);
        assertEquals(published, acknowledged((List<?>) status(pothole, "en").get("timeline")).get("note"),
                "what staff are shown is what the public reads");
        Map<String, Object> withheld = lastEvent(humanServicesAnswer);
        assertEquals(NOTE, withheld.get("note"));
        assertNull(withheld.get("public_note"), "a withheld request publishes no note");
    }

    @Test
    void theStatusViewShowsTheNoteAsThePolicyAllowsInEveryLanguage() {
        for (String lang : List.of("en", "es")) {
            String open = (String) acknowledged((List<?>) status(pothole, lang).get("timeline")).get("note");
            assertNotNull(open, lang);
            assertScrubbed(open);
            Map<String, Object> withheld = acknowledged((List<?>) status(welfare, lang).get("timeline"));
            assertNull(withheld.get("note"), () -> lang + ": " + withheld);
            assertFalse(((String) withheld.get("title")).isBlank(), "the standard wording of the change stands alone");
            String raw = http.toBlocking().retrieve(HttpRequest.GET("/v1/requests/" + welfare + "?lang=" + lang));
            assertFalse(raw.contains("Crew sent"), raw);
        }
    }

    @Test
    void theUpdatesFeedShowsTheNoteAsThePolicyAllows() {
        // The feed shows an event once every transaction older than it has ended: wait for both.
        AtomicReference<List<?>> read = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).untilAsserted(() -> {
            read.set((List<?>) http.toBlocking().retrieve(HttpRequest.GET("/v1/me/updates?limit=200")
                    .bearerAuth(token(neighbour)), JSON).get("updates"));
            assertEquals(2, read.get().stream().filter(u -> "acknowledged".equals(((Map<?, ?>) u).get("kind"))).count());
        });
        List<?> updates = read.get();
        String open = (String) acknowledged(updates.stream()
                .filter(u -> pothole.equals(((Map<?, ?>) u).get("tracking_number"))).toList()).get("note");
        assertNotNull(open);
        assertScrubbed(open);
        Map<String, Object> withheld = acknowledged(updates.stream()
                .filter(u -> welfare.equals(((Map<?, ?>) u).get("tracking_number"))).toList());
        assertNull(withheld.get("note"), withheld::toString);
        assertNotNull(withheld.get("title"));
    }

    @Test
    void followersAreMailedTheNoteAsThePolicyAllows() throws Exception {
        assertEquals(2, worker.runOnce(), "one mail per request to its follower");
        assertTrue(smtp.waitForIncomingEmail(5_000, 2));
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            String subject = mail.getSubject();
            String body = GreenMailUtil.getBody(mail);
            for (String secret : PRIVATE_IN_MAIL) {
                assertFalse(body.contains(secret), () -> subject + " shows " + secret + ":\n" + body);
            }
            if (subject.startsWith(pothole)) {
                assertTrue(body.contains("Crew sent to"), body);
            } else {
                assertTrue(subject.startsWith(welfare), subject);
                assertFalse(body.contains("Crew sent"), body);
            }
        }
    }

    private String file(Reports report) {
        return (String) requests.filed(report.contact("Dmitri Yablonski", "dmitri@example.org", "+1 870 711 8617"))
                .get("tracking_number");
    }

    private Map<String, Object> acknowledge(Map<String, Object> staff, String number) {
        return http.toBlocking().retrieve(HttpRequest.POST("/v1/staff/requests/" + number + "/status",
                Map.of("status", "acknowledged", "note", NOTE)).header("If-Match", "*").bearerAuth(token(staff)), JSON);
    }

    private Map<String, Object> status(String number, String lang) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/requests/" + number + "?lang=" + lang), JSON);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastEvent(Map<String, Object> staffRequest) {
        List<Map<String, Object>> history = (List<Map<String, Object>>) staffRequest.get("history");
        return history.get(history.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> acknowledged(List<?> events) {
        return (Map<String, Object>) events.stream().filter(e -> "acknowledged".equals(((Map<?, ?>) e).get("kind")))
                .findFirst().orElseThrow(() -> new AssertionError("no acknowledged event in " + events));
    }

    private static void assertScrubbed(String note) {
        assertTrue(note.startsWith("Crew sent to "), note);
        for (String secret : PRIVATE) {
            assertFalse(note.contains(secret), () -> note + " shows " + secret);
        }
    }
}
