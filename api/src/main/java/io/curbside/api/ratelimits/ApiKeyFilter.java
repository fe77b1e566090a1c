package io.curbside.api.ratelimits;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Checks the API key a request presents ({@code X-Api-Key}, or Open311's {@code api_key} query
 * parameter) and leaves the answer on the request for {@link RateLimitFilter}, which runs next.
 * A key this node has not read for {@link ApiKeys#RECHECK} is looked up on a blocking thread,
 * never on the event loop; every other request goes on at once.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "curbside.rate-limit.enabled", notEquals = "false")
public class ApiKeyFilter implements Ordered {

    public static final String HEADER = "X-Api-Key";
    /**
     * Open311 GeoReport v2 clients send their key as this query parameter. Its form-body variant
     * (api_key in a form-encoded POST) is for the Open311 adapter to read, once there is one.
     */
    public static final String PARAMETER = "api_key";
    /** The request attribute holding the {@link Presented} key, on requests that present one. */
    public static final String PRESENTED = ApiKeyFilter.class.getName() + ".presented";

    private final ApiKeys apiKeys;
    private final Executor blocking;

    ApiKeyFilter(ApiKeys apiKeys, @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.apiKeys = apiKeys;
        this.blocking = blocking;
    }

    /** After the security filters, and just before the rate limiter. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    /**
     * The request, once its key (if any) is checked. Always a request, never null: Micronaut
     * 4.10 takes a future that completes later with null for an empty answer (a bare 503).
     */
    @RequestFilter
    public CompletableFuture<HttpRequest<?>> check(HttpRequest<?> request) {
        String key = presentedKey(request);
        if (key == null || RateLimitFilter.exempt(request.getPath())) {
            return CompletableFuture.completedFuture(request);
        }
        if (apiKeys.answersFromMemory(key)) {
            return CompletableFuture.completedFuture(verified(request, key));
        }
        return CompletableFuture.supplyAsync(() -> verified(request, key), blocking);
    }

    /**
     * The key a request presented, checked.
     *
     * @param valid the key, or null when what was presented is no valid key (unknown, mistyped, revoked)
     */
    public record Presented(@Nullable ApiKey valid) {
    }

    private HttpRequest<?> verified(HttpRequest<?> request, String key) {
        request.setAttribute(PRESENTED, new Presented(apiKeys.verify(key).orElse(null)));
        return request;
    }

    /** The key in the header, else in the query; a blank value is no key (some Open311 clients send "api_key="). */
    @Nullable
    static String presentedKey(HttpRequest<?> request) {
        String header = request.getHeaders().get(HEADER);
        if (header != null && !header.isBlank()) {
            return header;
        }
        String parameter = request.getParameters().get(PARAMETER);
        return parameter == null || parameter.isBlank() ? null : parameter;
    }
}
