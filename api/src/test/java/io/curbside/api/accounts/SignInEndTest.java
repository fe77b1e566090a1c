package io.curbside.api.accounts;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.Reports;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.curbside.api.testing.People.email;
import static io.curbside.api.testing.People.password;
import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An access token lives ten minutes, but its sign-in can end sooner: signing out or changing the
 * password stops it at once on every route that re-reads the account (a person's own data, what
 * they follow, staff routes), with the 401 of any token that is not valid. Routes that never ask
 * who calls take it until it expires.
 */
@MicronautTest(transactional = false)
class SignInEndTest extends HttpTest {

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
    void afterSigningOutTheSameAccessTokenIsRefusedAtOnceWhereTheAccountIsReRead() {
        Map<String, Object> session = people.register("leaving");
        String number = (String) requests.filed(Reports.aPothole()).get("tracking_number");
        for (HttpRequest<?> route : ownData(token(session), number)) {
            assertEquals(HttpStatus.OK.getCode() / 100, http.toBlocking().exchange(route, JSON).getStatus().getCode() / 100,
                    route.getPath() + " works while signed in");
        }

        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.POST("/v1/auth/logout",
                Map.of("refresh_token", session.get("refresh_token")))).getStatus());

        for (HttpRequest<?> route : ownData(token(session), number)) {
            refusedAsInvalid(route);
        }
        // A route that never asks who calls takes the token until it expires: it shows it to anyone.
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/v1/services")
                .bearerAuth(token(session)), JSON).getStatus());
    }

    @Test
    void signingOutOnePhoneLeavesTheOtherSignedIn() {
        Map<String, Object> phone = people.register("two-phones");
        Map<String, Object> tablet = people.login(email(phone), password(email(phone)));
        http.toBlocking().exchange(HttpRequest.POST("/v1/auth/logout", Map.of("refresh_token", phone.get("refresh_token"))));
        refusedAsInvalid(HttpRequest.GET("/v1/me").bearerAuth(token(phone)));
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/v1/me").bearerAuth(token(tablet)), JSON)
                .getStatus());
    }

    @Test
    void changingThePasswordEndsTheOtherSignInsAtOnce() {
        Map<String, Object> phone = people.register("changing");
        String address = email(phone);
        Map<String, Object> thief = people.login(address, password(address));
        Map<String, Object> changed = http.toBlocking().retrieve(HttpRequest.PUT("/v1/me/password",
                Map.of("current_password", password(address), "new_password", "a brand new password"))
                .bearerAuth(token(phone)), JSON);

        refusedAsInvalid(HttpRequest.GET("/v1/me/requests").bearerAuth(token(thief)));
        // The token the change was made with belonged to an old sign-in too: the answer's is the one that works.
        refusedAsInvalid(HttpRequest.GET("/v1/me").bearerAuth(token(phone)));
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/v1/me/requests")
                .bearerAuth(token(changed)), JSON).getStatus());
    }

    @Test
    void aSignedOutStaffTokenStopsOnStaffRoutesToo() {
        Map<String, Object> staff = people.staffOf("streets");
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/v1/staff/requests")
                .bearerAuth(token(staff)), JSON).getStatus());
        http.toBlocking().exchange(HttpRequest.POST("/v1/auth/logout", Map.of("refresh_token", staff.get("refresh_token"))));
        refusedAsInvalid(HttpRequest.GET("/v1/staff/requests").bearerAuth(token(staff)));
    }

    /** The routes on a person's own data, as a phone calls them. */
    private static List<HttpRequest<?>> ownData(String token, String number) {
        return List.of(
                HttpRequest.GET("/v1/me").bearerAuth(token),
                HttpRequest.GET("/v1/me/requests").bearerAuth(token),
                HttpRequest.GET("/v1/me/updates").bearerAuth(token),
                HttpRequest.PUT("/v1/requests/" + number + "/follow", Map.of()).bearerAuth(token));
    }

    @Test
    void aRefreshTokenOfAnEndedSignInIsRefused() throws Exception {
        Map<String, Object> signedOut = people.register("signed-out");
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.POST("/v1/auth/logout",
                Map.of("refresh_token", signedOut.get("refresh_token")))).getStatus());
        requests.problem(refresh(signedOut), HttpStatus.UNAUTHORIZED, "invalid-credentials");

        // A sign-in ended while one of its refresh tokens was still unrevoked (a refresh that raced a
        // sign-out or a new password and stored its token before they revoked the rest): refused as spent.
        Map<String, Object> raced = people.register("raced");
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE account_session SET ended_at = now() WHERE account_id = ?")) {
            ps.setObject(1, UUID.fromString(People.id(raced)));
            assertEquals(1, ps.executeUpdate());
        }
        requests.problem(refresh(raced), HttpStatus.UNAUTHORIZED, "invalid-credentials");
    }

    private static HttpRequest<?> refresh(Map<String, Object> session) {
        return HttpRequest.POST("/v1/auth/refresh", Map.of("refresh_token", session.get("refresh_token")));
    }

    private void refusedAsInvalid(HttpRequest<?> route) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(route, JSON), route.getPath());
        assertEquals(HttpStatus.UNAUTHORIZED, e.getStatus(), route.getPath());
        assertEquals("urn:curbside:problem:unauthorized", e.getResponse().getBody(JSON).orElseThrow().get("type"));
        assertEquals("Bearer realm=\"curbside\", error=\"invalid_token\"",
                e.getResponse().getHeaders().get(HttpHeaders.WWW_AUTHENTICATE), route.getPath());
    }
}
