package io.curbside.api.testing;

import com.icegreen.greenmail.util.GreenMail;
import io.curbside.api.notifications.OutboxWorker;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;

import java.util.Map;

/**
 * An HTTP test whose application sends its mail to a local SMTP server ({@link TestMail}); the
 * outbox worker runs only when the test runs it.
 */
public abstract class MailTest extends HttpTest {

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
}
