package io.curbside.api.support;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static io.curbside.api.testing.RequestsClient.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Query parameters are read exactly as the contract types them, on every route, or refused by name. */
@MicronautTest(transactional = false)
class ExactParametersTest extends HttpTest {

    private static final String NEARBY = "/v1/requests/nearby?service_code=pothole&lon=-82.99&lat=";

    private String streets;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void staff() {
        streets = token(new People(http).staffOf("streets"));
    }

    @Test
    void aNumberIsAPlainDecimal() {
        for (String lat : List.of("0x1p5", "NaN", "Infinity", "-Infinity", "1d", "39.99f", "+39.99", "%2039.99", "1e999")) {
            assertEquals(List.of("lat"), fields(requests.problem(HttpRequest.GET(NEARBY + lat), HttpStatus.BAD_REQUEST,
                    "invalid-parameter")), lat);
        }
        assertNotNull(http.toBlocking().retrieve(HttpRequest.GET(NEARBY + "39.99"), JSON).get("requests"));
        assertNotNull(http.toBlocking().retrieve(HttpRequest.GET(NEARBY + "3999e-2"), JSON).get("requests"));
        assertEquals(List.of("radius"), fields(requests.problem(HttpRequest.GET(NEARBY + "39.99&radius=50.0"),
                HttpStatus.BAD_REQUEST, "invalid-parameter")));
        assertEquals(List.of("radius"), fields(requests.problem(HttpRequest.GET(NEARBY + "39.99&radius=+50"),
                HttpStatus.BAD_REQUEST, "invalid-parameter")));
    }

    @Test
    void aParameterThatTakesOneValueIsGivenOnce() {
        assertEquals(List.of("lat"), fields(requests.problem(HttpRequest.GET(NEARBY + "39.99&lat=40.5"),
                HttpStatus.BAD_REQUEST, "invalid-parameter")));
    }

    @Test
    void aFilterValueNobodyKnowsIsRefusedNotIgnored() {
        for (String filter : List.of("overdue=maybe", "overdue=yes", "overdue=TRUE", "overdue=", "status=RECEIVED")) {
            assertEquals(List.of(filter.substring(0, filter.indexOf('='))), fields(requests.problem(HttpRequest.GET(
                    "/v1/staff/requests?" + filter).bearerAuth(streets), HttpStatus.BAD_REQUEST, "invalid-parameter")),
                    filter);
        }
        assertNotNull(http.toBlocking().retrieve(HttpRequest.GET("/v1/staff/requests?overdue=false&status=received")
                .bearerAuth(streets), JSON).get("requests"));
    }

    @Test
    void aCursorIsExactlyOneCurbsideMade() {
        String made = Base64.getUrlEncoder().withoutPadding().encodeToString("k1:5".getBytes(StandardCharsets.UTF_8));
        String padded = Base64.getUrlEncoder().encodeToString("k1:5".getBytes(StandardCharsets.UTF_8));
        String signed = Base64.getUrlEncoder().withoutPadding().encodeToString("k1:+5".getBytes(StandardCharsets.UTF_8));
        assertNotNull(http.toBlocking().retrieve(HttpRequest.GET("/v1/staff/requests?cursor=" + made)
                .bearerAuth(streets), JSON));
        for (String cursor : List.of(padded, signed)) {
            assertEquals(List.of("cursor"), fields(requests.problem(HttpRequest.GET("/v1/staff/requests?cursor=" + cursor)
                    .bearerAuth(streets), HttpStatus.BAD_REQUEST, "invalid-parameter")), cursor);
        }
    }
}
