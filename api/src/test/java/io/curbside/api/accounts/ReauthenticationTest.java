package io.curbside.api.accounts;

import com.nimbusds.jwt.SignedJWT;
import io.curbside.api.testing.ClockedTokenTimes;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.TestClock;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import static io.curbside.api.testing.People.email;
import static io.curbside.api.testing.People.id;
import static io.curbside.api.testing.People.password;
import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deleting the account needs more than the access token: the current password, or a password
 * sign-in within the window (five minutes here), which a refresh does not renew. Time is the
 * app's clock, which the test moves on instead of waiting.
 */
@MicronautTest(transactional = false)
class ReauthenticationTest extends HttpTest {

    private static final Duration PAST_THE_WINDOW = Duration.ofMinutes(6);

    private final TestClock clock = new TestClock(Instant.now());
    private People people;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> settings = new HashMap<>(ClockedTokenTimes.SETTINGS);
        settings.put("curbside.tokens.reauth-window", "5m");
        return settings;
    }

    @BeforeAll
    void people() {
        people = new People(http);
    }

    @Test
    void withoutThePasswordLongAfterSigningInTheAccountStays() throws Exception {
        Map<String, Object> session = people.register("stolen-phone");
        clock.advance(PAST_THE_WINDOW);
        Map<String, Object> refused = requests.problem(deletion(session, null), HttpStatus.FORBIDDEN,
                "reauthentication-required");
        assertTrue(((String) refused.get("detail")).contains("current password"), refused.toString());
        assertTrue(live(session), "the account is still there");
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/v1/me").bearerAuth(token(session)), JSON)
                .getStatus(), "and the sign-in goes on: a 403, not the end of it");
    }

    @Test
    void aWrongPasswordIsRefusedEvenJustAfterSigningIn() throws Exception {
        Map<String, Object> session = people.register("typo");
        requests.problem(deletion(session, "not-the-password"), HttpStatus.FORBIDDEN, "reauthentication-required");
        requests.problem(deletion(session, ""), HttpStatus.FORBIDDEN, "reauthentication-required");
        assertTrue(live(session));
    }

    @Test
    void theRightPasswordDeletesItLongAfterSigningIn() throws Exception {
        Map<String, Object> session = people.register("sure");
        clock.advance(PAST_THE_WINDOW);
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(deletion(session, password(email(session))))
                .getStatus());
        assertTrue(!live(session), "erased");
        // Its access token stops at once, not when it expires.
        requests.problem(HttpRequest.GET("/v1/me").bearerAuth(token(session)), HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    @Test
    void withinTheWindowOfASignInNoPasswordIsNeeded() throws Exception {
        Map<String, Object> session = people.register("quick");
        clock.advance(Duration.ofMinutes(4));
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(deletion(session, null)).getStatus());
        assertTrue(!live(session));
    }

    @Test
    void aRefreshDoesNotCountAsSigningInAgain() throws Exception {
        Map<String, Object> session = people.register("refresher");
        clock.advance(PAST_THE_WINDOW);
        Map<String, Object> refreshed = http.toBlocking().retrieve(HttpRequest.POST("/v1/auth/refresh",
                Map.of("refresh_token", session.get("refresh_token"))), JSON);
        assertNotEquals(token(session), token(refreshed));
        assertEquals(authTime(token(session)), authTime(token(refreshed)), "refreshing keeps the sign-in's auth_time");
        requests.problem(deletion(refreshed, null), HttpStatus.FORBIDDEN, "reauthentication-required");
        assertTrue(live(session));

        // Signing in again with the password does.
        Map<String, Object> again = people.login(email(session), password(email(session)));
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(deletion(again, null)).getStatus());
        assertTrue(!live(session));
    }

    @Test
    void changingThePasswordAlwaysNeedsTheCurrentOneAndAWrongOneIsNotA401() {
        Map<String, Object> session = people.register("changer");
        // Just signed in, still: a new password takes the old one.
        requests.problem(HttpRequest.PUT("/v1/me/password", Map.of("current_password", "wrong-password",
                "new_password", "a brand new password")).bearerAuth(token(session)), HttpStatus.FORBIDDEN,
                "reauthentication-required");
        Map<String, Object> changed = http.toBlocking().retrieve(HttpRequest.PUT("/v1/me/password",
                Map.of("current_password", password(email(session)), "new_password", "a brand new password"))
                .bearerAuth(token(session)), JSON);
        assertEquals(id(session), id(changed));
    }

    private static HttpRequest<?> deletion(Map<String, Object> session, String currentPassword) {
        Map<String, Object> body = new HashMap<>();
        if (currentPassword != null) {
            body.put("current_password", currentPassword);
        }
        return HttpRequest.POST("/v1/me/deletion", body).bearerAuth(token(session));
    }

    private static Date authTime(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getDateClaim("auth_time");
    }

    /** Whether the account is still there, not erased. */
    private boolean live(Map<String, Object> session) throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT deleted_at IS NULL FROM account WHERE id = '" + id(session) + "'")) {
            assertTrue(rs.next());
            return rs.getBoolean(1);
        }
    }
}
