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

import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A change of address needs the current password, moves the account only when a code mailed to the
 * new address is used, tells the old address, and answers the same when the new address is taken.
 */
@MicronautTest(transactional = false)
class EmailChangeTest extends MailTest {

    @BeforeEach
    void emptyMailbox() throws Exception {
        forgetQueuedMail();
    }

    @Test
    void theAccountMovesWhenTheNewAddressIsProved() throws Exception {
        Map<String, Object> resident = verifiedResident("mover");
        String old = People.email(resident);
        String next = "moved-" + System.nanoTime() + "@example.org";
        forgetQueuedMail();

        assertEquals(HttpStatus.ACCEPTED, change(resident, next, People.password(old), "en").getStatus());
        Map<String, MimeMessage> mail = sent(2);
        String notice = text(mail.get(old));
        assertTrue(notice.contains(next), notice);
        String code = code(text(mail.get(next)));
        // Nothing moved yet: the old address still signs in, and is the account's.
        assertEquals(old, me(new People(http).login(old, People.password(old))).get("email"));

        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.POST("/v1/accounts/verification",
                Map.of("token", code))).getStatus());
        Map<String, Object> moved = me(new People(http).login(next, People.password(old)));
        assertEquals(next, moved.get("email"));
        assertEquals(true, moved.get("email_verified"));
        requests.problem(HttpRequest.POST("/v1/auth/login", Map.of("email", old, "password", People.password(old))),
                HttpStatus.UNAUTHORIZED, "invalid-credentials");
    }

    @Test
    void aTakenAddressIsAnsweredAsAFreeOneAndItsOwnerIsTold() throws Exception {
        Map<String, Object> owner = verifiedResident("owner");
        Map<String, Object> mover = verifiedResident("mover");
        String taken = People.email(owner);
        String moverEmail = People.email(mover);
        String free = "free-" + System.nanoTime() + "@example.org";
        forgetQueuedMail();

        HttpResponse<String> forTaken = change(mover, taken.toUpperCase(), People.password(moverEmail), "es");
        Map<String, MimeMessage> takenMail = sent(2);
        HttpResponse<String> forFree = change(mover, free, People.password(moverEmail), "es");
        Map<String, MimeMessage> freeMail = sent(2);
        assertEquals(HttpStatus.ACCEPTED, forTaken.getStatus());
        assertEquals(forFree.getStatus(), forTaken.getStatus());
        assertEquals(forFree.getBody(String.class).orElse(""), forTaken.getBody(String.class).orElse(""));
        assertEquals(new TreeSet<>(forFree.getHeaders().names()), new TreeSet<>(forTaken.getHeaders().names()));

        // The mover's own inbox gets the same notice either way; the owner hears someone tried.
        assertTrue(takenMail.containsKey(moverEmail) && freeMail.containsKey(moverEmail));
        assertTrue(takenMail.get(taken).getSubject().startsWith("Alguien intentó"), takenMail.get(taken).getSubject());
        assertFalse(text(takenMail.get(taken)).matches("(?s).*\\n\\n[A-Za-z0-9_-]{43}\\n\\n.*"), "no code for the owner");
        code(text(freeMail.get(free)));

        // The third mail of the hour (the welcome, two changes) was the last: a third change is a 429.
        requests.problem(HttpRequest.PUT("/v1/me/email", Map.of("email", free, "current_password",
                People.password(moverEmail))).bearerAuth(token(mover)), HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
        // Nothing changed on the owner's account.
        assertEquals(People.id(owner), People.id(new People(http).login(taken, People.password(taken))));
    }

    @Test
    void aResetCodeMailedToTheOldAddressIsRefusedAfterTheMove() throws Exception {
        Map<String, Object> resident = verifiedResident("reset-mover");
        String old = People.email(resident);
        String next = "moved-" + System.nanoTime() + "@example.org";
        forgetQueuedMail();
        change(resident, next, People.password(old), "en");
        String moveCode = code(text(sent(2).get(next)));
        http.toBlocking().exchange(HttpRequest.POST("/v1/auth/password-reset", Map.of("email", old)));
        String resetCode = code(text(sent(1).get(old)));

        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.POST("/v1/accounts/verification",
                Map.of("token", moveCode))).getStatus());
        // The old inbox is not the owner's any more: its code sets no password.
        requests.problem(HttpRequest.POST("/v1/auth/password-reset/confirm", Map.of("token", resetCode,
                "new_password", "the-old-inbox-password")), HttpStatus.BAD_REQUEST, "invalid-reset-code");
        assertEquals(next, me(new People(http).login(next, People.password(old))).get("email"));
    }

    @Test
    void aNewAddressTakenBeforeItsCodeIsUsedIsRefused() throws Exception {
        Map<String, Object> resident = verifiedResident("slow-mover");
        String old = People.email(resident);
        String next = "contested-" + System.nanoTime() + "@example.org";
        forgetQueuedMail();
        change(resident, next, People.password(old), "en");
        String code = code(text(sent(2).get(next)));
        http.toBlocking().exchange(HttpRequest.POST("/v1/accounts", Map.of("email", next, "password", "someone-elses-password")));

        Map<String, Object> refused = requests.problem(HttpRequest.POST("/v1/accounts/verification", Map.of("token", code)),
                HttpStatus.BAD_REQUEST, "invalid-verification-code");
        assertTrue(((String) refused.get("detail")).contains("Another account took"), refused.toString());
        assertEquals(old, me(resident).get("email"));
        assertEquals(true, me(resident).get("email_verified"));
    }

    @Test
    void theCurrentPasswordIsNeeded() throws Exception {
        Map<String, Object> resident = new People(http).register("careful");
        forgetQueuedMail();
        requests.problem(HttpRequest.PUT("/v1/me/email", Map.of("email", "elsewhere@example.org",
                "current_password", "not-the-password")).bearerAuth(token(resident)),
                HttpStatus.FORBIDDEN, "reauthentication-required");
        requests.problem(HttpRequest.PUT("/v1/me/email", Map.of("email", "not an address",
                "current_password", People.password(People.email(resident)))).bearerAuth(token(resident)),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(0, worker.runOnce(), "nothing mailed");
    }

    private HttpResponse<String> change(Map<String, Object> session, String email, String password, String language) {
        return http.toBlocking().exchange(HttpRequest.PUT("/v1/me/email", Map.of("email", email,
                "current_password", password)).bearerAuth(token(session)).header("Accept-Language", language), String.class);
    }

    private Map<String, Object> me(Map<String, Object> session) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/me").bearerAuth(token(session)), JSON);
    }

    /** Sends the queued mail, expecting so many, by recipient; forgets them. */
    private Map<String, MimeMessage> sent(int expected) throws Exception {
        assertEquals(expected, worker.runOnce());
        assertTrue(smtp.waitForIncomingEmail(5_000, expected));
        Map<String, MimeMessage> byRecipient = Arrays.stream(smtp.getReceivedMessages())
                .collect(Collectors.toMap(EmailChangeTest::recipient, Function.identity()));
        smtp.purgeEmailFromAllMailboxes();
        return byRecipient;
    }

    private static String recipient(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
