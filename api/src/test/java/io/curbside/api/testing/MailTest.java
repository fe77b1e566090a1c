package io.curbside.api.testing;

import com.icegreen.greenmail.util.GreenMail;
import io.curbside.api.notifications.OutboxWorker;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An HTTP test whose application sends its mail to a local SMTP server ({@link TestMail}); the
 * outbox worker runs only when the test runs it.
 */
public abstract class MailTest extends HttpTest {

    /** A code in a mail: on a line of its own (the mail carries no link unless one is configured). */
    private static final Pattern CODE = Pattern.compile("\\n\\n([A-Za-z0-9_-]{43})\\n\\n");

    protected GreenMail smtp;

    @Inject
    protected OutboxWorker worker;

    @Override
    protected Map<String, String> extraProperties() {
        smtp = TestMail.start();
        return TestMail.settings(smtp);
    }

    @AfterAll
    void stopSmtp() {
        smtp.stop();
    }

    /** Sends and forgets the mail queued so far: new accounts' welcomes, earlier tests' mail. */
    protected void forgetQueuedMail() throws Exception {
        while (worker.runOnce() > 0) {
            // sent
        }
        smtp.purgeEmailFromAllMailboxes();
    }

    /**
     * A new resident, signed in, who proved their address with the code of the welcome mail (news
     * of followed requests is mailed only then). Sends the mail queued so far.
     */
    protected Map<String, Object> verifiedResident(String name) throws Exception {
        Map<String, Object> session = new People(http).register(name);
        verify(People.email(session));
        return session;
    }

    /** Proves an address with the code of its welcome mail. Sends the mail queued so far. */
    protected void verify(String email) throws Exception {
        while (worker.runOnce() > 0) {
            // sent
        }
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (email.equals(mail.getAllRecipients()[0].toString())) {
                assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.POST(
                        "/v1/accounts/verification", Map.of("token", code(text(mail))))).getStatus());
                return;
            }
        }
        fail("no welcome mail to " + email);
    }

    /** The code a mail carries. */
    protected static String code(String text) {
        Matcher m = CODE.matcher(text.replace("\r\n", "\n"));
        assertTrue(m.find(), text);
        return m.group(1);
    }

    /** The plain text of a mail, decoded (its text/plain part, when it has several). */
    protected static String text(MimeMessage mail) throws Exception {
        return MailParts.text(mail);
    }
}
