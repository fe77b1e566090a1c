package io.curbside.api.notifications;

import io.curbside.api.support.StrictJsonMapper;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Sends e-mail messages over one SMTP connection per batch, one after the other, with the
 * settings' timeouts on every step; STARTTLS is required when configured, never merely tried.
 */
@Singleton
class EmailSender {

    private static final Argument<Map<String, String>> TEXTS = Argument.mapOf(String.class, String.class);

    private final EmailSettings.Smtp smtp;
    private final String from;
    private final ObjectMapper json;
    private final Session session;

    EmailSender(EmailSettings settings, ObjectMapper json) {
        this.smtp = settings.smtp();
        this.from = settings.from();
        this.json = json;
        String timeout = Long.toString(smtp.timeout().toMillis());
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", smtp.host() == null ? "" : smtp.host());
        properties.put("mail.smtp.port", Integer.toString(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        properties.put("mail.smtp.auth", Boolean.toString(smtp.authenticates()));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
        this.session = Session.getInstance(properties);
    }

    /** The longest one message can take: connecting, the SMTP dialogue and the data, each within the timeout. */
    Duration longest() {
        return smtp.timeout().multipliedBy(3);
    }

    /** Sends each message while the lease leaves time for it, and says what became of each, by row id. */
    Map<Long, Outcome> deliver(List<ClaimedMessage> messages, long deadline) {
        Map<Long, Outcome> outcomes = new LinkedHashMap<>();
        try (Transport transport = session.getTransport()) {
            transport.connect(smtp.host(), smtp.port(),
                    smtp.authenticates() ? smtp.username() : null,
                    smtp.authenticates() ? smtp.password() : null);
            for (ClaimedMessage message : messages) {
                boolean inTime = System.nanoTime() + longest().toNanos() <= deadline;
                outcomes.put(message.id(), inTime ? send(transport, message) : Outcome.notSent());
            }
        } catch (MessagingException e) {
            // No connection (or it broke): what was sent stays sent, the rest is tried again.
            for (ClaimedMessage message : messages) {
                outcomes.putIfAbsent(message.id(), Outcome.failed("SMTP: " + e.getMessage()));
            }
        }
        return outcomes;
    }

    private Outcome send(Transport transport, ClaimedMessage message) throws MessagingException {
        MimeMessage mime;
        try {
            mime = message(message);
        } catch (AddressException e) {
            return Outcome.rejected("not an e-mail address: " + e.getMessage());
        }
        try {
            transport.sendMessage(mime, mime.getAllRecipients());
            return Outcome.delivered();
        } catch (SendFailedException e) {
            // The server refused the recipient for good (5xx); a temporary refusal is a plain MessagingException.
            if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                return Outcome.rejected("SMTP refused the recipient: " + e.getMessage());
            }
            return Outcome.failed("SMTP: " + e.getMessage());
        }
    }

    private MimeMessage message(ClaimedMessage message) throws MessagingException {
        Map<String, String> texts;
        try {
            texts = StrictJsonMapper.readStored(json, message.payload(), TEXTS);
        } catch (IOException e) {
            throw new IllegalStateException("an e-mail's stored payload is unreadable", e);
        }
        // The same Message-ID on every attempt, so a mail system that got it twice can tell.
        String messageId = "<" + message.messageId() + "@curbside>";
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mime.setFrom(new InternetAddress(from, true));
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.recipient(), true));
        mime.setSubject(texts.get("subject"), StandardCharsets.UTF_8.name());
        String html = texts.get("html");
        if (html == null) {
            // Queued before mail carried HTML.
            mime.setText(texts.get("text"), StandardCharsets.UTF_8.name());
        } else {
            // Alternatives, the plainest first (RFC 2046): a mail program shows the last it can.
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(texts.get("text"), StandardCharsets.UTF_8.name());
            MimeBodyPart marked = new MimeBodyPart();
            marked.setText(html, StandardCharsets.UTF_8.name(), "html");
            mime.setContent(new MimeMultipart("alternative", plain, marked));
        }
        mime.setSentDate(new Date());
        mime.saveChanges();
        return mime;
    }
}
