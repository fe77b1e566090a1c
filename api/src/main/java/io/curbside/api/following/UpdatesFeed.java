package io.curbside.api.following;

import io.curbside.api.catalog.CatalogService;
import io.curbside.api.idempotency.Fingerprint;
import io.curbside.api.opendata.PublicAnswers;
import io.curbside.api.opendata.PublicRequests;
import io.curbside.api.opendata.PublicView;
import io.curbside.api.requests.StoredRequests;
import io.curbside.api.support.EntityTags;
import io.curbside.contract.model.Update;
import io.curbside.contract.model.Updates;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** GET /v1/me/updates: what happened, after a position, in the requests an account follows. */
@Singleton
public class UpdatesFeed {

    private static final int DEFAULT_LIMIT = 50;

    private final FeedRepository repository;
    private final CatalogService catalog;
    private final PublicRequests publicRequests;
    private final PublicAnswers answers;
    private final TransactionOperations<Connection> transactions;

    UpdatesFeed(FeedRepository repository, CatalogService catalog, PublicRequests publicRequests,
                PublicAnswers answers, TransactionOperations<Connection> transactions) {
        this.repository = repository;
        this.catalog = catalog;
        this.publicRequests = publicRequests;
        this.answers = answers;
        this.transactions = transactions;
    }

    /** One answer of the feed, with the ETag of exactly these events in this language. */
    public record Page(String etag, String language, Supplier<Updates> body) {
    }

    /**
     * The public events after {@code since}, oldest first, at most {@code limit}, each as its
     * request's public view publishes it. One read: a poll that finds nothing costs one index probe
     * per request followed, and projects nothing. The ETag
     * names the events, the catalog version and the language, so a poller sending the same
     * {@code since} gets a 304 while that holds; the query runs either way (it is what tells).
     */
    public Page read(UUID account, String since, Integer limit, String lang, String acceptLanguage) {
        FeedPosition after = FeedPosition.parse(since);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        record Read(List<FeedRepository.Row> rows, Map<Long, PublicView> views) {
        }
        // The page's requests are projected in the same read as their events. One more event than
        // asked: tells whether another page is ready without a second query.
        Read read = transactions.executeRead(s -> {
            List<FeedRepository.Row> found = repository.after(account, after, size + 1);
            return new Read(found, publicRequests.views(found.stream().limit(size)
                    .map(FeedRepository.Row::requestId).distinct().toList()));
        });
        List<FeedRepository.Row> rows = read.rows();
        List<FeedRepository.Row> page = rows.subList(0, Math.min(size, rows.size()));
        boolean more = rows.size() > size;
        FeedPosition next = page.isEmpty() ? after : page.get(page.size() - 1).position();
        CatalogService.View names = catalog.view(lang, acceptLanguage);
        Fingerprint tag = new Fingerprint().add(names.language()).add(Long.toString(names.version()))
                .add(next.text()).add(Boolean.toString(more));
        page.forEach(row -> tag.add(row.position().xact() + "." + row.position().id()));
        String etag = EntityTags.of("u" + HexFormat.of().formatHex(tag.sha256(), 0, 10) + "-" + names.language());
        return new Page(etag, names.language(), () -> body(page, read.views(), names, next, more));
    }

    private Updates body(List<FeedRepository.Row> page, Map<Long, PublicView> views, CatalogService.View names,
                         FeedPosition next, boolean more) {
        String language = names.language();
        List<Update> updates = new ArrayList<>(page.size());
        for (FeedRepository.Row row : page) {
            PublicView view = views.get(row.requestId());
            // The foreign keys keep a request while it has events, so this is a guard only: an event
            // whose request cannot be read has no public form to show, and one entry is no reason for a 500.
            if (view == null) {
                continue;
            }
            Update update = answers.update(view, row.kind(), row.status(),
                    StoredRequests.title(row.kind(), row.data(), language,
                            code -> names.catalog().departmentName(code, language)), row.at(), row.note());
            updates.add(update);
        }
        return new Updates(language, updates, next.text(), more);
    }
}
