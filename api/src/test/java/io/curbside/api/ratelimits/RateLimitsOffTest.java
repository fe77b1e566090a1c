package io.curbside.api.ratelimits;

import io.curbside.api.testing.HttpTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** CURBSIDE_RATE_LIMIT_ENABLED=false: nothing is counted or refused, and keys are not checked. */
@MicronautTest(transactional = false)
class RateLimitsOffTest extends HttpTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("curbside.rate-limit.enabled", "false", "curbside.rate-limit.reads-per-minute", "1");
    }

    @Test
    void nothingIsLimited() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = http.toBlocking().exchange(HttpRequest.GET("/v1/services")
                    .header("X-Api-Key", "not checked"), String.class);
            assertEquals(HttpStatus.OK, ok.getStatus());
            assertNull(ok.header("RateLimit-Limit"));
        }
    }
}
