package io.curbside.api.sdk;

import io.curbside.api.testing.MailTest;
import io.curbside.sdk.ApiException;
import io.curbside.sdk.CurbsideClient;
import io.curbside.sdk.CurbsideSession;
import io.curbside.sdk.ReauthenticationRequiredException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mobile SDK's session proves the resident's address and moves the account to another. */
@MicronautTest(transactional = false)
class MobileAddressTest extends MailTest {

    @Inject
    EmbeddedServer server;

    @Test
    void provesTheAddressAndMovesTheAccount() throws Exception {
        forgetQueuedMail();
        CurbsideSession session = new CurbsideSession(client());
        String email = "phone-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        assertFalse(session.register(email, "a long password", "Ana").getEmailVerified());
        String welcome = code(text(onlyMail(email)));

        assertTrue(session.resendVerification(), "not proved yet: a new code is mailed");
        String again = code(text(onlyMail(email)));
        session.verifyEmail(again);
        assertEquals(400, assertThrows(ApiException.class, () -> session.verifyEmail(again)).getCode());
        assertFalse(session.resendVerification(), "proved: nothing to send");
        assertTrue(session.login(email, "a long password").getEmailVerified());

        String next = "moved-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        assertThrows(ReauthenticationRequiredException.class, () -> session.changeEmail(next, "not the password"));
        session.changeEmail(next, "a long password");
        assertEquals(2, worker.runOnce(), "a code to the new address, a notice to the old");
        String moveCode = null;
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (next.equals(mail.getAllRecipients()[0].toString())) {
                moveCode = code(text(mail));
            }
        }
        smtp.purgeEmailFromAllMailboxes();
        new CurbsideSession(client()).verifyEmail(moveCode);
        assertEquals(next, session.login(next, "a long password").getEmail());
        // The welcome's code was mailed to the old address: it proves nothing now.
        assertEquals(400, assertThrows(ApiException.class, () -> session.verifyEmail(welcome)).getCode());
    }

    private MimeMessage onlyMail(String address) throws Exception {
        assertEquals(1, worker.runOnce());
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals(address, received[0].getAllRecipients()[0].toString());
        smtp.purgeEmailFromAllMailboxes();
        return received[0];
    }

    private CurbsideClient client() {
        CurbsideClient client = new CurbsideClient();
        client.setBasePath(server.getURL().toString());
        return client;
    }
}
