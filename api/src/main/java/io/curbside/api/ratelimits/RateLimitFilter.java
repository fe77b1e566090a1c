package io.curbside.api.ratelimits;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Counts every request against a budget and answers 429 when it is spent. A request with a valid
 * API key is counted against the key's own budget; one with an invalid key is refused (401), never
 * served as anonymous; others are counted by {@link RateLimitSubjectResolver}s or, by default,
 * by client address, with a smaller budget for writes than for reads (filing a report costs far
 * more than reading the catalog, and a person files a few at most). Operations routes (health,
 * metrics) are not counted: a monitor must never be locked out.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "curbside.rate-limit.enabled", notEquals = "false")
public class RateLimitFilter implements Ordered {

    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final RateLimitSettings settings;
    private final List<RateLimitSubjectResolver> resolvers;

    RateLimitFilter(RateLimiter limiter, ClientAddresses addresses, RateLimitSettings settings,
                    List<RateLimitSubjectResolver> resolvers) {
        this.limiter = limiter;
        this.addresses = addresses;
        this.settings = settings;
        List<RateLimitSubjectResolver> ordered = new ArrayList<>(resolvers);
        OrderUtil.sort(ordered);
        this.resolvers = List.copyOf(ordered);
    }

    /** After the security filters, so a resolver can count a signed-in user by the principal they found. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 1;
    }

    /** Null to go on, or the refusal. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        if (exempt(request.getPath())) {
            return null;
        }
        ApiKeyCheck key = request.getAttribute(ApiKeyFilter.CHECKED, ApiKeyCheck.class).orElse(null);
        return key == null ? counted(request, subject(request)) : withKey(request, key.valid());
    }

    /** Every answer to a counted request says what is left of its budget. */
    @ResponseFilter
    public void fields(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(DECISION, RateLimiter.Decision.class)
                .ifPresent(decision -> RateLimitAnswers.fields(response, decision));
    }

    @Nullable
    private HttpResponse<?> withKey(HttpRequest<?> request, @Nullable ApiKey key) {
        if (key != null) {
            return counted(request, keySubject(key));
        }
        // A wrong key costs the address a request, so guessing keys is as limited as anything else.
        RateLimiter.Decision decision = decide(request, addressSubject(request));
        return decision.allowed() ? RateLimitAnswers.invalidKey(request, decision)
                : RateLimitAnswers.tooMany(request, decision);
    }

    @Nullable
    private HttpResponse<?> counted(HttpRequest<?> request, RateLimitSubject subject) {
        RateLimiter.Decision decision = decide(request, subject);
        return decision.allowed() ? null : RateLimitAnswers.tooMany(request, decision);
    }

    private RateLimiter.Decision decide(HttpRequest<?> request, RateLimitSubject subject) {
        RateLimiter.Decision decision = limiter.take(subject);
        request.setAttribute(DECISION, decision);
        return decision;
    }

    private RateLimitSubject subject(HttpRequest<?> request) {
        boolean write = isWrite(request.getMethod());
        for (RateLimitSubjectResolver resolver : resolvers) {
            Optional<RateLimitSubject> subject = resolver.resolve(request, write);
            if (subject.isPresent()) {
                return subject.get();
            }
        }
        return addressSubject(request);
    }

    private RateLimitSubject keySubject(ApiKey key) {
        long perMinute = key.perMinute() == null ? settings.apiKeyPerMinute() : key.perMinute();
        return new RateLimitSubject("api-key:" + key.id(), perMinute, "requests with API key " + key.prefix());
    }

    private RateLimitSubject addressSubject(HttpRequest<?> request) {
        InetAddress client = addresses.of(request);
        String name = "address:" + ClientAddresses.bucketName(client);
        return isWrite(request.getMethod())
                ? new RateLimitSubject(name + ":write", settings.writesPerMinute(), "submissions from your network")
                : new RateLimitSubject(name + ":read", settings.readsPerMinute(), "requests from your network");
    }

    static boolean isWrite(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH
                || method == HttpMethod.DELETE;
    }

    /** Health checks and metrics: the operators' monitors poll them and must never be refused. */
    static boolean exempt(String path) {
        return path.equals("/health") || path.startsWith("/health/") || path.equals("/prometheus");
    }
}
