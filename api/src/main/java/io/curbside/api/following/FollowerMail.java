package io.curbside.api.following;

import io.curbside.api.accounts.CityName;
import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.i18n.Letter;
import io.curbside.api.notifications.Outbox;
import io.curbside.api.opendata.PublicRequests;
import io.curbside.api.opendata.PublicView;
import io.curbside.api.requests.StoredRequests;
import io.curbside.api.support.PersonalData;
import io.curbside.api.support.PublicUrls;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * E-mails the city's news about a request to the accounts that follow it (when e-mail is
 * switched on): what happened, in each follower's language (the request's, for an account that
 * has none), the public note as the request's public view lets the public read it, where to read
 * more, and the city's name. Queued on the outbox in the caller's transaction, so a change that
 * rolls back sends nothing. Who made the change is not told of it.
 */
@Singleton
public class FollowerMail {

    private static final Logger LOG = LoggerFactory.getLogger(FollowerMail.class);

    private final Outbox outbox;
    private final FollowerRepository followers;
    private final CatalogService catalog;
    private final PublicUrls urls;
    private final PublicRequests publicRequests;
    private final CityName city;

    FollowerMail(Outbox outbox, FollowerRepository followers, CatalogService catalog, PublicUrls urls,
                 PublicRequests publicRequests, CityName city) {
        this.outbox = outbox;
        this.followers = followers;
        this.catalog = catalog;
        this.urls = urls;
        this.publicRequests = publicRequests;
        this.city = city;
    }

    /** What happened to a request, as its followers read it. */
    private record News(PublicView request, String kind, Map<String, String> data, String note) {
    }

    /**
     * A public event of a request, told to its followers; call inside the transaction that records it.
     * The note is as staff typed it: a follower may be anyone, so they read what the public reads,
     * from the request's public form as this transaction leaves it.
     */
    public void tell(long requestId, String language, String kind, Map<String, String> data, String note, UUID madeBy) {
        if (!outbox.emailEnabled()) {
            return;
        }
        // A guard only (the foreign keys keep a request while it has events): without a public form
        // there is nothing a follower may read, and a follower's mail must not fail staff's change.
        Optional<PublicView> view = publicRequests.view(requestId);
        if (view.isEmpty()) {
            LOG.warn("Not e-mailing the followers of request {}: it cannot be read", requestId);
            return;
        }
        PublicView request = view.get();
        String trackingNumber = request.request().trackingNumber();
        News news = new News(request, kind, data, note);
        Map<String, Letter> letters = new HashMap<>();
        for (FollowerRepository.Follower follower : followers.mailable(requestId, madeBy)) {
            String in = follower.language() != null ? follower.language() : language;
            try {
                outbox.enqueueEmail(follower.address(), letters.computeIfAbsent(in, l -> letter(l, news)));
            } catch (IllegalArgumentException e) {
                LOG.warn("Not e-mailing a follower of {}: {}", trackingNumber, PersonalData.withoutEmailAddresses(e.getMessage()));
            }
        }
    }

    private Letter letter(String language, News news) {
        String number = news.request().request().trackingNumber();
        Catalog names = catalog.view(language, null).catalog();
        String title = StoredRequests.title(news.kind(), news.data(), language,
                code -> names.departmentName(code, language));
        Letter.Writer letter = Letter.in(language)
                .subject("follower_mail.subject", Map.of("number", number, "title", title))
                .quote(title);
        news.request().note(news.note()).ifPresent(letter::quote);
        letter.link(urls.request(number))
                .say("follower_mail.footer", Map.of("number", number));
        city.in(language).ifPresent(name -> letter.say("follower_mail.signed", Map.of("city", name)));
        return letter.write();
    }
}
