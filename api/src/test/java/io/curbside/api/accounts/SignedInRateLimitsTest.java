package io.curbside.api.accounts;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.curbside.api.testing.People.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed-in people have their own budget: many staff behind one office address do not starve each other. */
@MicronautTest(transactional = false)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class SignedInRateLimitsTest extends HttpTest {

    private static final int READS = 5;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.rate-limit.reads-per-minute", String.valueOf(READS),
                "curbside.rate-limit.writes-per-minute", "20");
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void eachPersonAndTheAnonymousAddressCountApart() {
        People people = new People(http);
        String ana = token(people.register("ana"));
        String bo = token(people.register("bo"));
        for (int i = 0; i < READS; i++) {
            assertEquals(HttpStatus.OK, me(ana).getStatus());
        }
        HttpClientResponseException limited = assertThrows(HttpClientResponseException.class, () -> me(ana));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, limited.getStatus());
        assertEquals(String.valueOf(READS), limited.getResponse().header("RateLimit-Limit"));
        assertTrue(limited.getResponse().header("Retry-After") != null);
        // Same address, another person: a full budget of their own; and the address's own budget is untouched.
        assertEquals(HttpStatus.OK, me(bo).getStatus());
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/v1/services"), String.class).getStatus());
        // A forged token is no one: it counts against the address, not against ana.
        requests.problem(HttpRequest.GET("/v1/me").bearerAuth(ana + "x"), HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    @Test
    @org.junit.jupiter.api.Order(2)   // it spends the address's write budget
    void signingInCountsByAddressEvenWithATokenAttached() {
        People people = new People(http);
        String token = token(people.register("guesser"));
        HttpStatus last = HttpStatus.OK;
        for (int i = 0; i < 40 && last != HttpStatus.TOO_MANY_REQUESTS; i++) {
            try {
                http.toBlocking().exchange(HttpRequest.POST("/v1/auth/login", java.util.Map.of("email", "x" + i + "@example.org",
                        "password", "wrong-password")).bearerAuth(token), String.class);
            } catch (HttpClientResponseException e) {
                last = e.getStatus();
            }
        }
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, last, "the address's write budget stops the guessing");
    }

    private HttpResponse<String> me(String token) {
        return http.toBlocking().exchange(HttpRequest.GET("/v1/me").bearerAuth(token), String.class);
    }
}
