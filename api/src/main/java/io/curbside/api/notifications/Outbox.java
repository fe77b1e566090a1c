package io.curbside.api.notifications;

import io.curbside.api.i18n.Letter;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Queues notifications for {@link OutboxWorker} to deliver. Called inside a transaction, the
 * message is queued only if that transaction commits, and then it is sent even if this node
 * dies: nothing is mailed about a change that was rolled back, nothing committed is lost.
 */
@Singleton
public class Outbox {

    private static final int MAX_SUBJECT = 200;
    private static final int MAX_TEXT = 100_000;
    /** The text escaped and marked up: entities take up to six times a character's room. */
    private static final int MAX_HTML = 6 * MAX_TEXT + 1_000;

    private final OutboxRepository repository;
    private final EmailSettings settings;
    private final ObjectMapper json;
    private final TransactionOperations<Connection> transactions;

    Outbox(OutboxRepository repository, EmailSettings settings, ObjectMapper json,
           TransactionOperations<Connection> transactions) {
        this.repository = repository;
        this.settings = settings;
        this.json = json;
        this.transactions = transactions;
    }

    /** Whether e-mail is switched on ({@code curbside.email.enabled}); when off, {@link #enqueueEmail} queues nothing. */
    public boolean emailEnabled() {
        return settings.enabled();
    }

    /**
     * Queues an e-mail to one address, its plain text and HTML as alternatives, in the caller's
     * transaction if there is one. Returns false, queuing nothing, when e-mail is switched off: no
     * backlog of mail builds up that nobody will send. A malformed address, or a subject with line
     * breaks, is the caller's error ({@link IllegalArgumentException}).
     */
    public boolean enqueueEmail(String recipient, Letter letter) {
        String address = address(recipient);
        String subject = letter.subject();
        if (subject.isBlank() || subject.length() > MAX_SUBJECT || subject.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("an e-mail subject is one line of 1 to " + MAX_SUBJECT + " characters");
        }
        if (letter.text().length() > MAX_TEXT || letter.html().length() > MAX_HTML) {
            throw new IllegalArgumentException("an e-mail text has at most " + MAX_TEXT + " characters");
        }
        if (!settings.enabled()) {
            return false;
        }
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("subject", subject);
        payload.put("text", letter.text());
        payload.put("html", letter.html());
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        transactions.executeWrite(s -> {
            repository.enqueueEmail(address, body);
            return null;
        });
        return true;
    }

    private static String address(String recipient) {
        try {
            InternetAddress address = new InternetAddress(recipient == null ? "" : recipient.strip(), true);
            address.validate();
            if (address.isGroup() || address.getPersonal() != null) {
                throw new IllegalArgumentException("an e-mail recipient is one bare address");
            }
            return address.getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("not an e-mail address: " + e.getMessage(), e);
        }
    }
}
