package io.curbside.api.accounts;

import io.curbside.api.testing.MailTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An address is proved with a code mailed to it (single-use, expiring); until then the account
 * works but is mailed no news of the requests it follows. Asking again is capped per account.
 */
@MicronautTest(transactional = false)
class EmailVerificationTest extends MailTest {

    @BeforeEach
    void emptyMailbox() throws Exception {
        forgetQueuedMail();
    }

    @Test
    void followersAreMailedNewsOnlyOnceTheyProvedTheirAddress() throws Exception {
        People people = new People(http);
        Map<String, Object> follower = people.register("follower");
        String welcomeCode = code(text(onlyMailTo(People.email(follower))));
        Map<String, Object> staff = people.staffOf("streets");
        String number = (String) requests.filed(Reports.aPothole()).get("tracking_number");
        http.toBlocking().exchange(HttpRequest.PUT("/v1/requests/" + number + "/follow", Map.of())
                .bearerAuth(token(follower)));
        assertEquals(false, me(follower).get("email_verified"));
        forgetQueuedMail();

        acknowledge(staff, number, "acknowledged", "Crew booked.");
        assertEquals(0, worker.runOnce(), "nothing queued for an address not proved");

        assertEquals(HttpStatus.NO_CONTENT, confirm(welcomeCode).getStatus());
        assertEquals(true, me(follower).get("email_verified"));
        acknowledge(staff, number, "in_progress", "Crew on site.");
        MimeMessage news = onlyMailTo(People.email(follower));
        assertTrue(news.getSubject().startsWith(number), news.getSubject());
    }

    @Test
    void forgedReusedAndExpiredCodesAreRefused() throws Exception {
        requests.problem(HttpRequest.POST("/v1/accounts/verification", Map.of("token", "A".repeat(43))),
                HttpStatus.BAD_REQUEST, "invalid-verification-code");

        Map<String, Object> once = new People(http).register("once");
        String code = code(text(onlyMailTo(People.email(once))));
        assertEquals(HttpStatus.NO_CONTENT, confirm(code).getStatus());
        Map<String, Object> reused = requests.problem(HttpRequest.POST("/v1/accounts/verification", Map.of("token", code)),
                HttpStatus.BAD_REQUEST, "invalid-verification-code");
        assertTrue(((String) reused.get("detail")).contains("used already"), reused.toString());

        Map<String, Object> slow = new People(http).register("slow");
        String late = code(text(onlyMailTo(People.email(slow))));
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE account_mail SET expires_at = now() - interval '1 second' WHERE address = ?")) {
            ps.setString(1, People.email(slow));
            assertEquals(1, ps.executeUpdate());
        }
        Map<String, Object> expired = requests.problem(HttpRequest.POST("/v1/accounts/verification", Map.of("token", late)),
                HttpStatus.BAD_REQUEST, "invalid-verification-code");
        assertTrue(((String) expired.get("detail")).contains("expired"), expired.toString());
        assertEquals(false, me(slow).get("email_verified"));
    }

    @Test
    void aVerificationCodeResetsNoPasswordAndAResetCodeProvesTheAddress() throws Exception {
        Map<String, Object> resident = new People(http).register("crossed");
        String email = People.email(resident);
        String verification = code(text(onlyMailTo(email)));
        requests.problem(HttpRequest.POST("/v1/auth/password-reset/confirm",
                Map.of("token", verification, "new_password", "a-brand-new-password")),
                HttpStatus.BAD_REQUEST, "invalid-reset-code");

        http.toBlocking().exchange(HttpRequest.POST("/v1/auth/password-reset", Map.of("email", email)));
        String reset = code(text(onlyMailTo(email)));
        requests.problem(HttpRequest.POST("/v1/accounts/verification", Map.of("token", reset)),
                HttpStatus.BAD_REQUEST, "invalid-verification-code");
        http.toBlocking().exchange(HttpRequest.POST("/v1/auth/password-reset/confirm",
                Map.of("token", reset, "new_password", "a-brand-new-password")));
        Map<String, Object> signedIn = new People(http).login(email, "a-brand-new-password");
        assertEquals(true, me(signedIn).get("email_verified"), "the reset code came to the inbox: it proves it");
    }

    @Test
    void anotherCodeIsMailedOnAskingButOnlyAFewAnHour() throws Exception {
        Map<String, Object> resident = new People(http).register("lost-welcome");
        String email = People.email(resident);
        forgetQueuedMail();
        // The welcome was one of the hour's three mails.
        assertEquals(HttpStatus.ACCEPTED, resend(resident).getStatus());
        assertEquals(HttpStatus.ACCEPTED, resend(resident).getStatus());
        HttpRequest<?> third = HttpRequest.POST("/v1/me/verification", Map.of()).bearerAuth(token(resident));
        requests.problem(third, HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(third));
        assertTrue(Integer.parseInt(refused.getResponse().getHeaders().get("Retry-After")) > 0);

        assertEquals(2, worker.runOnce());
        List<String> codes = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            assertEquals(email, mail.getAllRecipients()[0].toString());
            codes.add(code(text(mail)));
        }
        assertNotEquals(codes.get(0), codes.get(1));
        assertEquals(HttpStatus.NO_CONTENT, confirm(codes.get(1)).getStatus());
        assertEquals(HttpStatus.NO_CONTENT, resend(resident).getStatus(), "nothing left to prove");
        assertEquals(0, worker.runOnce());
    }

    @Test
    void theFirstAdminsAddressCameFromTheCityAndCountsAsProved() {
        assertEquals(true, me(new People(http).admin()).get("email_verified"));
    }

    private HttpResponse<?> confirm(String code) {
        return http.toBlocking().exchange(HttpRequest.POST("/v1/accounts/verification", Map.of("token", code)));
    }

    private HttpResponse<?> resend(Map<String, Object> session) {
        return http.toBlocking().exchange(HttpRequest.POST("/v1/me/verification", Map.of()).bearerAuth(token(session)));
    }

    private Map<String, Object> me(Map<String, Object> session) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/me").bearerAuth(token(session)), JSON);
    }

    private void acknowledge(Map<String, Object> staff, String number, String status, String note) {
        http.toBlocking().exchange(HttpRequest.POST("/v1/staff/requests/" + number + "/status",
                Map.of("status", status, "note", note)).header("If-Match", "*").bearerAuth(token(staff)), JSON);
    }

    /** Sends what is queued and returns the one mail to the address among it (forgetting the rest). */
    private MimeMessage onlyMailTo(String address) throws Exception {
        while (worker.runOnce() > 0) {
            // sent
        }
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (address.equals(mail.getAllRecipients()[0].toString())) {
                to.add(mail);
            }
        }
        smtp.purgeEmailFromAllMailboxes();
        assertEquals(1, to.size(), "mails to " + address);
        return to.get(0);
    }
}
