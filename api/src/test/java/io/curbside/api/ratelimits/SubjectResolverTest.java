package io.curbside.api.ratelimits;

import io.curbside.api.testing.HttpTest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hook for counting signed-in users by account rather than by address: a resolver bean
 * names the subject. Here a stand-in counts bearer tokens by their text, as the accounts work
 * will count them by the user a checked token names.
 */
@MicronautTest(transactional = false)
class SubjectResolverTest extends HttpTest {

    private static final String SPEC = "SubjectResolverTest";

    @Singleton
    @Requires(property = "spec.name", value = SPEC)
    static class ByBearerToken implements RateLimitSubjectResolver {

        @Override
        public Optional<RateLimitSubject> resolve(HttpRequest<?> request, boolean write) {
            return Optional.ofNullable(request.getHeaders().getAuthorization().orElse(null))
                    .filter(value -> value.startsWith("Bearer "))
                    .map(value -> new RateLimitSubject("user:" + value.substring(7) + (write ? ":write" : ":read"),
                            write ? 1 : 3, "requests from your account"));
        }
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("spec.name", SPEC, "curbside.rate-limit.reads-per-minute", "2");
    }

    private HttpStatus as(String token) {
        var request = HttpRequest.GET("/v1/services");
        if (token != null) {
            request.bearerAuth(token);
        }
        return http.toBlocking().exchange(request).getStatus();
    }

    @Test
    void aResolverCountsEachUserApartFromTheAddress() {
        assertEquals(HttpStatus.OK, as(null));
        assertEquals(HttpStatus.OK, as(null));
        Refusals.of(http, HttpRequest.GET("/v1/services"), HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
        // The address is spent; each user still has a budget of their own.
        for (int i = 0; i < 3; i++) {
            assertEquals(HttpStatus.OK, as("alice"));
        }
        var refused = Refusals.of(http, HttpRequest.GET("/v1/services").bearerAuth("alice"),
                HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
        assertEquals("3", refused.getResponse().header("RateLimit-Limit"));
        assertEquals(HttpStatus.OK, as("bob"));
    }
}
