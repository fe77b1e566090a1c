package io.curbside.api.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.curbside.api.i18n.Letter;
import io.curbside.api.testing.MailParts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** E-mail notifications go through the configured SMTP server, queued in the caller's transaction. */
@MicronautTest(transactional = false)
class EmailDeliveryTest extends NotificationTest {

    private static final String FROM = "311@city.example";

    private GreenMail smtp;

    @Inject
    Outbox outbox;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    Map<String, String> settings() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        smtp.setUser(FROM, "curbside", "mail-password");
        return Map.of("curbside.email.enabled", "true",
                "curbside.email.from", FROM,
                "curbside.email.smtp.host", "127.0.0.1",
                "curbside.email.smtp.port", Integer.toString(smtp.getSmtp().getPort()),
                "curbside.email.smtp.username", "curbside",
                "curbside.email.smtp.password", "mail-password",
                // GreenMail's SMTP has no STARTTLS; the test below shows a required one is never skipped.
                "curbside.email.smtp.starttls", "false",
                "curbside.email.smtp.timeout", "2s");
    }

    @AfterAll
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void anEmailQueuedInACommittedTransactionIsSentOnceAndARolledBackOneNever() throws Exception {
        assertThrows(IllegalStateException.class, () -> transactions.executeWrite(s -> {
            outbox.enqueueEmail("rolled.back@example.org", new Letter("Never", "This change was rolled back.",
                    "<p>This change was rolled back.</p>"));
            throw new IllegalStateException("the caller's change fails");
        }));
        boolean queued = transactions.executeWrite(s -> outbox.enqueueEmail("  resident@example.org ",
                new Letter("Your request CS-TEST is closed", "Thank you. Le nid-de-poule est réparé ✓",
                        "<p>Thank you. Le nid-de-poule est réparé ✓</p>")));
        assertTrue(queued);
        assertEquals(1, worker.runOnce());
        assertEquals(0, worker.runOnce());
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage mail = received[0];
        assertEquals("Your request CS-TEST is closed", mail.getSubject());
        assertEquals(FROM, mail.getFrom()[0].toString());
        assertEquals("resident@example.org", mail.getRecipients(Message.RecipientType.TO)[0].toString());
        assertTrue(mail.isMimeType("multipart/alternative"), mail.getContentType());
        assertEquals("Thank you. Le nid-de-poule est réparé ✓", MailParts.text(mail).strip());
        assertEquals("<p>Thank you. Le nid-de-poule est réparé ✓</p>", MailParts.html(mail).strip());
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT message_id, recipient, delivered_at IS NOT NULL FROM outbox_message WHERE channel = 'email'")) {
            assertTrue(rs.next());
            assertArrayEquals(new String[] {"<" + rs.getObject(1, UUID.class) + "@curbside>"}, mail.getHeader("Message-ID"),
                    "the Message-ID is the row's, the same on every attempt");
            assertEquals("resident@example.org", rs.getString(2));
            assertTrue(rs.getBoolean(3));
            assertTrue(!rs.next(), "the rolled-back e-mail was never queued");
        }
    }

    @Test
    void aRequiredStartTlsIsNeverSkippedAndAnUnreachableServerIsRetried() throws Exception {
        ClaimedMessage message = new ClaimedMessage(-1, UUID.randomUUID(), "email", 1,
                "{\"subject\":\"s\",\"text\":\"t\"}", null, null, null, false, "resident@example.org", null, null);
        int before = smtp.getReceivedMessages().length;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        EmailSender tls = new EmailSender(new EmailSettings(true, FROM, new EmailSettings.Smtp("127.0.0.1",
                smtp.getSmtp().getPort(), "", "", true, Duration.ofSeconds(2))), json);
        Outcome refused = tls.deliver(List.of(message), deadline).get(-1L);
        assertEquals(Outcome.Kind.FAILED, refused.kind());
        assertTrue(refused.detail().contains("STARTTLS"), refused.detail());
        assertEquals(before, smtp.getReceivedMessages().length, "nothing went out in plain text");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EmailSender down = new EmailSender(new EmailSettings(true, FROM, new EmailSettings.Smtp("127.0.0.1", closedPort, "", "",
                false, Duration.ofSeconds(2))), json);
        assertEquals(Outcome.Kind.FAILED, down.deliver(List.of(message), deadline).get(-1L).kind());
    }

    @Test
    void anAddressTheServerCannotTakeIsGivenUpNotRetried() {
        ClaimedMessage message = new ClaimedMessage(-2, UUID.randomUUID(), "email", 1,
                "{\"subject\":\"s\",\"text\":\"t\"}", null, null, null, false, "no address at all", null, null);
        EmailSender sender = new EmailSender(new EmailSettings(true, FROM, new EmailSettings.Smtp("127.0.0.1",
                smtp.getSmtp().getPort(), "", "", false, Duration.ofSeconds(2))), json);
        assertEquals(Outcome.Kind.REJECTED,
                sender.deliver(List.of(message), System.nanoTime() + Duration.ofMinutes(1).toNanos()).get(-2L).kind());
    }
}
