package io.curbside.api.following;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.i18n.Messages;
import io.curbside.api.notifications.Outbox;
import io.curbside.api.opendata.PublicationPolicy;
import io.curbside.api.requests.StoredRequests;
import io.curbside.api.support.PersonalData;
import io.curbside.api.support.PublicUrls;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;

/**
 * E-mails the city's news about a request to the accounts that follow it (when e-mail is
 * switched on): what happened, in the request's language, the public note as the publication
 * policy lets the public read it, and where to read more. Queued on the outbox in the caller's
 * transaction, so a change that rolls back sends nothing. Who made the change is not told of it.
 */
@Singleton
public class FollowerMail {

    private static final Logger LOG = LoggerFactory.getLogger(FollowerMail.class);

    private final Outbox outbox;
    private final FollowerRepository followers;
    private final CatalogService catalog;
    private final PublicUrls urls;
    private final PublicationPolicy policy;

    FollowerMail(Outbox outbox, FollowerRepository followers, CatalogService catalog, PublicUrls urls,
                 PublicationPolicy policy) {
        this.outbox = outbox;
        this.followers = followers;
        this.catalog = catalog;
        this.urls = urls;
        this.policy = policy;
    }

    /**
     * A public event of a request, told to its followers; call inside the transaction that records it.
     * The note is as staff typed it: a follower may be anyone, so they read what the public reads.
     */
    public void tell(long requestId, String trackingNumber, String serviceCode, String reporterName, String language,
                     String kind, Map<String, String> data, String note, UUID madeBy) {
        if (!outbox.emailEnabled()) {
            return;
        }
        Catalog names = catalog.view(language, null).catalog();
        String title = StoredRequests.title(kind, data, language, code -> names.departmentName(code, language));
        Messages messages = Messages.classpath();
        String subject = messages.say(language, "follower_mail.subject", Map.of("number", trackingNumber, "title", title));
        StringBuilder text = new StringBuilder(title).append("\n\n");
        policy.note(note, names.privacy(serviceCode), reporterName)
                .ifPresent(published -> text.append(published.strip()).append("\n\n"));
        text.append(urls.request(trackingNumber)).append("\n\n")
                .append(messages.say(language, "follower_mail.footer", Map.of("number", trackingNumber))).append('\n');
        for (String address : followers.addresses(requestId, madeBy)) {
            try {
                outbox.enqueueEmail(address, subject, text.toString());
            } catch (IllegalArgumentException e) {
                LOG.warn("Not e-mailing a follower of {}: {}", trackingNumber, PersonalData.withoutEmailAddresses(e.getMessage()));
            }
        }
    }
}
