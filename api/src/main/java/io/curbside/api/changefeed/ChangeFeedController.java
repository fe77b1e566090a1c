package io.curbside.api.changefeed;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.support.PublicUrls;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/opendata/changes}: open data, for anyone. Hand-written like the OGC routes, so that a
 * feature's null properties are written as the items route writes them; declared in the contract all the same.
 */
@Controller(ChangeFeedController.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
class ChangeFeedController {

    static final String PATH = "/v1/opendata/changes";
    /**
     * A page for a position changes as the horizon moves on, but an older copy is never wrong: whatever
     * changed since it was made comes after its {@code next}. So caches may keep it, briefly.
     */
    static final String CACHE_CONTROL = "public, max-age=5";
    private static final Set<String> PARAMETERS = Set.of(FeedPosition.PARAMETER, "limit", "api_key");

    private final ChangeFeed feed;
    private final PublicUrls urls;
    private final JsonMapper json;

    ChangeFeedController(ChangeFeed feed, PublicUrls urls, JsonMapper json) {
        this.feed = feed;
        this.urls = urls;
        this.json = json;
    }

    @Get
    HttpResponse<byte[]> changes(HttpRequest<?> request, @Nullable @QueryValue("since") String since,
                                 @Nullable @QueryValue("limit") Integer limit) {
        // A misspelt since would otherwise replay the whole feed without a word.
        for (String name : request.getParameters().names()) {
            if (!PARAMETERS.contains(name)) {
                throw ProblemException.invalidParameter(name, "is not a parameter of the change feed (since, limit)");
            }
        }
        if (limit != null && (limit < 1 || limit > ChangeFeed.MAX_LIMIT)) {
            throw ProblemException.invalidParameter("limit", "is from 1 to " + ChangeFeed.MAX_LIMIT);
        }
        FeedPosition from = since == null ? FeedPosition.START : FeedPosition.of(since);
        ChangeFeed.Page page = feed.page(from, limit == null ? ChangeFeed.DEFAULT_LIMIT : limit);
        String self = link(from, limit);
        String next = link(page.next(), limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", page.entries());
        body.put("next", page.next().token());
        body.put("more", page.more());
        body.put("links", List.of(Map.of("href", self, "rel", "self", "type", MediaType.APPLICATION_JSON),
                Map.of("href", next, "rel", "next", "type", MediaType.APPLICATION_JSON)));
        return HttpResponse.ok(bytes(body)).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
    }

    private String link(FeedPosition position, @Nullable Integer limit) {
        return urls.of(PATH + "?since=" + position.token() + (limit == null ? "" : "&limit=" + limit));
    }

    private byte[] bytes(Map<String, Object> document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
