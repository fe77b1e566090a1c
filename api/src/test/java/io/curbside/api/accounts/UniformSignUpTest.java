package io.curbside.api.accounts;

import io.curbside.api.testing.MailParts;
import io.curbside.api.testing.MailTest;
import io.curbside.api.testing.People;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-up answers the same for a new address and one that has an account; the owner of the latter is mailed instead. */
@MicronautTest(transactional = false)
class UniformSignUpTest extends MailTest {

    @Test
    void aTakenAddressIsAnsweredAsAFreeOneAndItsOwnerIsTold() throws Exception {
        Map<String, Object> owner = new People(http).register("owner");
        String taken = People.email(owner);
        forgetQueuedMail();
        String free = "newcomer-" + System.nanoTime() + "@example.org";

        HttpResponse<String> forTaken = signUp(taken.toUpperCase(), "vi");
        HttpResponse<String> forFree = signUp(free, "vi");
        assertEquals(HttpStatus.ACCEPTED, forTaken.getStatus());
        assertEquals(forFree.getStatus(), forTaken.getStatus());
        assertEquals(forFree.getBody(String.class).orElse(""), forTaken.getBody(String.class).orElse(""));
        assertEquals(new TreeSet<>(forFree.getHeaders().names()), new TreeSet<>(forTaken.getHeaders().names()));

        assertEquals(2, worker.runOnce());
        assertTrue(smtp.waitForIncomingEmail(5_000, 2));
        Map<String, MimeMessage> byRecipient = Arrays.stream(smtp.getReceivedMessages())
                .collect(Collectors.toMap(UniformSignUpTest::recipient, Function.identity()));
        String notice = MailParts.text(byRecipient.get(taken));
        assertTrue(byRecipient.get(taken).getSubject().startsWith("Có người đã thử đăng ký"), byRecipient.get(taken).getSubject());
        assertTrue(notice.contains("Quên mật khẩu"), notice);
        assertTrue(byRecipient.get(free).getSubject().startsWith("Chào mừng"), byRecipient.get(free).getSubject());

        // Nothing changed on the owner's account: their password still signs in, the stranger's does not.
        assertEquals(People.id(owner), People.id(new People(http).login(taken, People.password(taken))));
        requests.problem(HttpRequest.POST("/v1/auth/login", Map.of("email", taken, "password", "strangers-password")),
                HttpStatus.UNAUTHORIZED, "invalid-credentials");
    }

    @Test
    void aDisplayNameWithLineBreaksIsRefusedAndNoMailGoesOut() throws Exception {
        forgetQueuedMail();
        for (String name : new String[] {"Ana\n\nhttps://evil.example/verify", "Ana\r\nx", "Ana\u2028https://evil.example",
                "Ana\u0007"}) {
            Map<String, Object> problem = requests.problem(HttpRequest.POST("/v1/accounts", Map.of(
                            "email", "named-" + System.nanoTime() + "@example.org", "password", "strangers-password",
                            "display_name", name)), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
            assertTrue(problem.toString().contains("display_name"), problem.toString());
        }
        assertEquals(0, worker.runOnce(), "no welcome for a refused sign-up");
    }

    private HttpResponse<String> signUp(String email, String language) {
        return http.toBlocking().exchange(HttpRequest.POST("/v1/accounts",
                Map.of("email", email, "password", "strangers-password")).header("Accept-Language", language), String.class);
    }

    private static String recipient(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
