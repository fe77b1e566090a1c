package io.curbside.api.following;

import io.curbside.api.accounts.Actor;
import io.curbside.api.accounts.Actors;
import io.curbside.api.support.EntityTags;
import io.curbside.contract.api.FollowingApi;
import io.curbside.contract.model.Following;
import io.curbside.contract.model.FollowingReason;
import io.curbside.contract.model.Rating;
import io.curbside.contract.model.RatingRequest;
import io.curbside.contract.model.Updates;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.ZoneOffset;
import java.util.UUID;

/** Following requests, the updates feed and ratings, as the contract declares them; off the event loop (database). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class FollowingController implements FollowingApi {

    private final Followers followers;
    private final UpdatesFeed feed;
    private final Ratings ratings;
    private final Actors actors;

    FollowingController(Followers followers, UpdatesFeed feed, Ratings ratings, Actors actors) {
        this.followers = followers;
        this.feed = feed;
        this.ratings = ratings;
        this.actors = actors;
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<Following> followRequest(String trackingNumber) {
        Followers.Followed followed = followers.follow(actors.required().accountId(), trackingNumber);
        Following body = new Following(followed.trackingNumber().value(), FollowingReason.fromValue(followed.reason()),
                followed.since().atZone(ZoneOffset.UTC));
        return HttpResponse.status(followed.added() ? HttpStatus.CREATED : HttpStatus.OK).body(body);
    }

    @Override
    public HttpResponse<Void> unfollowRequest(String trackingNumber) {
        followers.unfollow(actors.required().accountId(), trackingNumber);
        return HttpResponse.noContent();
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<Updates> listMyUpdates(String since, Integer limit, String lang, String acceptLanguage,
                                               String ifNoneMatch) {
        UpdatesFeed.Page page = feed.read(actors.required().accountId(), since, limit, lang, acceptLanguage);
        // Personal, and new events may come at any moment: never shared, always revalidated.
        return EntityTags.answer(ifNoneMatch, page.etag(), page.language(), page.body())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .header(HttpHeaders.VARY, "Accept-Language, Accept-Encoding, Authorization");
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<Rating> rateRequest(String trackingNumber, RatingRequest ratingRequest, String receiptToken,
                                            String idempotencyKey) {
        UUID caller = actors.current().map(Actor::accountId).orElse(null);
        return ratings.rate(trackingNumber, ratingRequest, receiptToken, caller, idempotencyKey).<Rating>response()
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
