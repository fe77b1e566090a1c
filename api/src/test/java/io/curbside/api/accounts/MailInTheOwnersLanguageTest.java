package io.curbside.api.accounts;

import io.curbside.api.testing.MailParts;
import io.curbside.api.testing.MailTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mail to an account is written in the language its sign-up asked for, whatever the language of
 * the request that causes it, with the city's name, as plain text and HTML alternatives; names
 * and notes go into the HTML as text, never as markup.
 */
@MicronautTest(transactional = false)
class MailInTheOwnersLanguageTest extends MailTest {

    private static final String CITY = "City of Riverton";

    @BeforeEach
    void emptyMailbox() throws Exception {
        forgetQueuedMail();
    }

    @Test
    void aSpanishSpeakingAccountGetsSpanishMailInBothPartsWithTheCitysName() throws Exception {
        String email = signUp("Ana", "es-MX, es;q=0.9");
        MimeMessage welcome = onlyMail();
        assertEquals("Bienvenido a " + CITY, welcome.getSubject());
        assertTrue(welcome.isMimeType("multipart/alternative"), welcome.getContentType());
        String text = MailParts.text(welcome);
        String html = MailParts.html(welcome);
        assertTrue(text.startsWith("Hola, Ana:\n\nSu cuenta en " + CITY + " está lista"), text);
        assertTrue(html.contains("<html lang=\"es\">"), html);
        assertTrue(html.contains("<p>Hola, Ana:</p>"), html);
        assertTrue(html.contains("Su cuenta en " + CITY + " está lista"), html);

        // Asked for in English, the reset still comes in the account's language.
        http.toBlocking().exchange(HttpRequest.POST("/v1/auth/password-reset", Map.of("email", email))
                .header("Accept-Language", "en"));
        MimeMessage reset = onlyMail();
        assertEquals("Restablezca su contraseña de " + CITY, reset.getSubject());
        assertTrue(MailParts.text(reset).contains("30 minutos"), MailParts.text(reset));
        assertTrue(MailParts.html(reset).contains("30 minutos"), MailParts.html(reset));
    }

    @Test
    void aDisplayNameIsTextInTheHtmlNeverMarkup() throws Exception {
        signUp("<script>alert('x')</script> & <b>Bo</b>", "en");
        MimeMessage welcome = onlyMail();
        String html = MailParts.html(welcome);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("<p>Hello &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;Bo&lt;/b&gt;,</p>"),
                html);
        assertTrue(MailParts.text(welcome).startsWith("Hello <script>alert('x')</script> & <b>Bo</b>,\n\n"),
                MailParts.text(welcome));
    }

    @Test
    void followersAreToldInTheirOwnLanguageWithTheCitysName() throws Exception {
        People people = new People(http);
        Map<String, Object> reporter = verifiedResident("reporter");
        String follower = signUp("Minh", "vi");
        verify(follower);
        Map<String, Object> neighbour = people.login(follower, People.password(follower));
        Map<String, Object> staff = people.staffOf("streets");
        String number = (String) http.toBlocking().retrieve(HttpRequest.POST("/v1/requests",
                Reports.aPothole().with("language", "es").json()).bearerAuth(token(reporter)), JSON).get("tracking_number");
        http.toBlocking().exchange(HttpRequest.PUT("/v1/requests/" + number + "/follow", Map.of())
                .bearerAuth(token(neighbour)));
        forgetQueuedMail();
        http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + number + "/status",
                Map.of("status", "acknowledged", "note", "Fixed <img src=x onerror=alert(1)> soon."))
                .header("If-Match", "*").bearerAuth(token(staff)), JSON);
        assertEquals(2, worker.runOnce(), "the reporter (no language of their own: the request's) and the follower");
        assertTrue(smtp.waitForIncomingEmail(5_000, 2));
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            String text = MailParts.text(mail);
            String html = MailParts.html(mail);
            boolean toFollower = mail.getAllRecipients()[0].toString().equals(follower);
            assertTrue(text.contains(toFollower ? "Bạn nhận được thư này" : "Recibe este correo"), text);
            assertTrue(text.strip().endsWith(CITY), text);
            assertTrue(html.contains("<p>" + CITY + "</p>"), html);
            assertFalse(html.contains("<img"), html);
            assertTrue(html.contains("<a href=\"http"), html);
        }
    }

    /** Signs up with the Accept-Language given; returns the address. */
    private String signUp(String name, String acceptLanguage) {
        String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        assertEquals(HttpStatus.ACCEPTED, http.toBlocking().exchange(HttpRequest.POST("/v1/accounts",
                Map.of("email", email, "password", People.password(email), "display_name", name))
                .header("Accept-Language", acceptLanguage)).getStatus());
        return email;
    }

    private MimeMessage onlyMail() throws Exception {
        assertEquals(1, worker.runOnce());
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        smtp.purgeEmailFromAllMailboxes();
        return received[0];
    }
}
