package io.curbside.api.accounts;

import io.curbside.api.testing.MailTest;
import io.curbside.api.testing.People;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Password reset by e-mail: a code mailed only to an account that has a password, good once and for
 * a while, that ends every sign-in; the answer never says whether the address has an account.
 */
@MicronautTest(transactional = false)
class PasswordResetTest extends MailTest {

    /** Sends and forgets the mail queued so far (earlier tests', welcomes to new accounts). */
    @BeforeEach
    void emptyMailbox() throws Exception {
        forgetQueuedMail();
    }

    private Map<String, Object> registered(String name) throws Exception {
        Map<String, Object> session = new People(http).register(name);
        emptyMailbox();
        return session;
    }

    @Test
    void aMailedCodeSetsANewPasswordOnceAndEndsEverySignIn() throws Exception {
        People people = new People(http);
        Map<String, Object> phone = registered("forgetful");
        String email = People.email(phone);
        Map<String, Object> laptop = people.login(email, People.password(email));

        assertEquals(HttpStatus.ACCEPTED, askForReset(email, "es").getStatus());
        MimeMessage mail = onlyMail();
        assertEquals(email, mail.getAllRecipients()[0].toString());
        String text = (String) mail.getContent();
        assertTrue(mail.getSubject().startsWith("Restablezca su contraseña"), mail.getSubject());
        assertTrue(text.contains("30 minutos"), text);
        String code = code(text);
        assertFalse(storedHashes().contains(code), "only the code's hash is stored");

        assertEquals(HttpStatus.NO_CONTENT, confirm(code, "a-brand-new-password").getStatus());
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/v1/auth/login",
                Map.of("email", email, "password", "a-brand-new-password")), JSON).getStatus());
        requests.problem(HttpRequest.POST("/v1/auth/login", Map.of("email", email, "password", People.password(email))),
                HttpStatus.UNAUTHORIZED, "invalid-credentials");
        for (Map<String, Object> signIn : List.of(phone, laptop)) {
            requests.problem(HttpRequest.POST("/v1/auth/refresh", Map.of("refresh_token", signIn.get("refresh_token"))),
                    HttpStatus.UNAUTHORIZED, "invalid-credentials");
        }

        Map<String, Object> reused = requests.problem(HttpRequest.POST("/v1/auth/password-reset/confirm",
                Map.of("token", code, "new_password", "yet-another-password")), HttpStatus.BAD_REQUEST, "invalid-reset-code");
        assertTrue(((String) reused.get("detail")).contains("used already"), reused.toString());
    }

    @Test
    void anUnknownAddressIsAnsweredTheSameAndMailsNobody() throws Exception {
        Map<String, Object> known = registered("known");
        HttpResponse<String> forKnown = askForReset(People.email(known), "en");
        HttpResponse<String> forUnknown = askForReset("nobody-" + System.nanoTime() + "@example.org", "en");
        assertEquals(forKnown.getStatus(), forUnknown.getStatus());
        assertEquals(forKnown.getBody(String.class).orElse(""), forUnknown.getBody(String.class).orElse(""));
        assertEquals(new java.util.TreeSet<>(forKnown.getHeaders().names()), new java.util.TreeSet<>(forUnknown.getHeaders().names()));
        assertEquals(1, worker.runOnce(), "one mail: to the account, none to the unknown address");
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        String email = People.email(registered("slow"));
        askForReset(email, "en");
        String code = code((String) onlyMail().getContent());
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE account_mail SET expires_at = now() - interval '1 second'")) {
            ps.executeUpdate();
        }
        Map<String, Object> expired = requests.problem(HttpRequest.POST("/v1/auth/password-reset/confirm",
                Map.of("token", code, "new_password", "a-brand-new-password")), HttpStatus.BAD_REQUEST, "invalid-reset-code");
        assertTrue(((String) expired.get("detail")).contains("expired"), expired.toString());
        requests.problem(HttpRequest.POST("/v1/auth/login", Map.of("email", email, "password", "a-brand-new-password")),
                HttpStatus.UNAUTHORIZED, "invalid-credentials");
    }

    @Test
    void aForgedCodeIsRefused() {
        requests.problem(HttpRequest.POST("/v1/auth/password-reset/confirm",
                Map.of("token", "A".repeat(43), "new_password", "a-brand-new-password")),
                HttpStatus.BAD_REQUEST, "invalid-reset-code");
    }

    @Test
    void theNewPasswordFollowsTheRulesOfSignUp() throws Exception {
        String email = People.email(registered("short"));
        askForReset(email, "en");
        String code = code((String) onlyMail().getContent());
        requests.problem(HttpRequest.POST("/v1/auth/password-reset/confirm", Map.of("token", code, "new_password", "short")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(HttpStatus.NO_CONTENT, confirm(code, "long-enough-now").getStatus(), "a refused password spends no code");
    }

    @Test
    void anAccountGetsOnlyAFewCodesAnHour() throws Exception {
        String email = People.email(registered("flooded"));
        for (int i = 0; i < 5; i++) {
            assertEquals(HttpStatus.ACCEPTED, askForReset(email, "en").getStatus());
        }
        assertEquals(2, worker.runOnce(), "curbside.password-reset.mails-per-hour, the welcome's verification code one of them");
    }

    @Test
    void anAccountOfTheIdentityProviderGetsNoCode() throws Exception {
        String email = "idp-" + System.nanoTime() + "@city.example";
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO account (email, issuer, subject) VALUES (?, 'https://idp.city.example', ?)")) {
            ps.setString(1, email);
            ps.setString(2, email);
            ps.executeUpdate();
        }
        assertEquals(HttpStatus.ACCEPTED, askForReset(email, "en").getStatus());
        assertEquals(0, worker.runOnce(), "no password here to reset");
    }

    private HttpResponse<String> askForReset(String email, String language) {
        return http.toBlocking().exchange(HttpRequest.POST("/v1/auth/password-reset", Map.of("email", email))
                .header("Accept-Language", language), String.class);
    }

    private HttpResponse<?> confirm(String code, String password) {
        return http.toBlocking().exchange(HttpRequest.POST("/v1/auth/password-reset/confirm",
                Map.of("token", code, "new_password", password)));
    }

    private MimeMessage onlyMail() throws Exception {
        assertEquals(1, worker.runOnce());
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length, () -> Arrays.toString(received));
        return received[0];
    }

    private List<String> storedHashes() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT encode(token_hash, 'escape') FROM account_mail WHERE token_hash IS NOT NULL");
             var rs = ps.executeQuery()) {
            List<String> all = new java.util.ArrayList<>();
            while (rs.next()) {
                all.add(rs.getString(1));
            }
            return all;
        }
    }
}
