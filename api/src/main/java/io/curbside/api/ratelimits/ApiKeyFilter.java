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

import java.util.Optional;
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
    /** The request attribute holding the {@link ApiKeyCheck}, on requests that present a key. */
    public static final String CHECKED = ApiKeyFilter.class.getName() + ".checked";

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
     * The request, once its key (if any) is checked. Always the request, never null: Micronaut
     * 4.10 takes a future completed later with null as no answer at all (a bare 503), not as "go on".
     */
    @RequestFilter
    public CompletableFuture<HttpRequest<?>> check(HttpRequest<?> request) {
        String key = presentedKey(request);
        if (key == null || RateLimitFilter.exempt(request.getPath())) {
            return CompletableFuture.completedFuture(request);
        }
        Optional<ApiKeyCheck> known = apiKeys.verifyFromMemory(key);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(checked(request, known.get()));
        }
        return CompletableFuture.supplyAsync(() -> checked(request, new ApiKeyCheck(apiKeys.verify(key).orElse(null))),
                blocking);
    }

    private static HttpRequest<?> checked(HttpRequest<?> request, ApiKeyCheck check) {
        request.setAttribute(CHECKED, check);
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
