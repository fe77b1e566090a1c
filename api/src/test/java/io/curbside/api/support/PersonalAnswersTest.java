package io.curbside.api.support;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Answers holding tokens or personal data say Cache-Control: no-store; public reads stay cacheable. */
@MicronautTest(transactional = false)
class PersonalAnswersTest extends HttpTest {

    private People people;

    @Override
    protected Map<String, String> extraProperties() {
        return People.bootstrapAdmin();
    }

    @BeforeAll
    void people() {
        people = new People(http);
    }

    @Test
    void tokenAnswersAreNotStored() {
        String email = "cache-" + UUID.randomUUID() + "@example.org";
        HttpResponse<Map<String, Object>> signUp = exchange(HttpRequest.POST("/v1/accounts",
                Map.of("email", email, "password", People.password(email), "display_name", "Cache")));
        assertEquals(HttpStatus.ACCEPTED, signUp.getStatus());
        assertNoStore(signUp);
        HttpResponse<Map<String, Object>> signIn = exchange(HttpRequest.POST("/v1/auth/login",
                Map.of("email", email, "password", People.password(email))));
        assertNoStore(signIn);
        assertNoStore(exchange(HttpRequest.POST("/v1/auth/refresh",
                Map.of("refresh_token", signIn.body().get("refresh_token")))));
    }

    @Test
    void personalAnswersAreNotStored() {
        Map<String, Object> resident = people.register("cache-resident");
        assertNoStore(exchange(HttpRequest.GET("/v1/me").bearerAuth(token(resident))));
        assertNoStore(exchange(HttpRequest.GET("/v1/me/requests").bearerAuth(token(resident))));
        assertNoStore(exchange(HttpRequest.GET("/v1/admin/accounts").bearerAuth(token(people.admin()))));
        assertNoStore(exchange(HttpRequest.GET("/v1/staff/requests").bearerAuth(token(people.staffOf("streets")))));
    }

    @Test
    void aReceiptAndWhatItOpensAreNotStored() {
        HttpResponse<Map<String, Object>> filed = exchange(HttpRequest.POST("/v1/requests", Reports.aPothole().json()));
        assertNoStore(filed);
        String number = (String) filed.body().get("tracking_number");
        assertNoStore(exchange(HttpRequest.GET("/v1/requests/" + number)
                .header("Receipt-Token", (String) filed.body().get("receipt_token"))));
        assertNotEquals("no-store", exchange(HttpRequest.GET("/v1/requests/" + number)).header("Cache-Control"));
    }

    @Test
    void publicReadsStayCacheable() {
        assertNotEquals("no-store", exchange(HttpRequest.GET("/v1/services")).header("Cache-Control"));
        assertNotEquals("no-store", exchange(HttpRequest.GET("/v1/jurisdiction")).header("Cache-Control"));
    }

    private HttpResponse<Map<String, Object>> exchange(MutableHttpRequest<?> request) {
        return http.toBlocking().exchange(request, JSON);
    }

    private static void assertNoStore(HttpResponse<?> response) {
        assertEquals("no-store", response.header("Cache-Control"), () -> response.getHeaders().asMap().toString());
    }
}
