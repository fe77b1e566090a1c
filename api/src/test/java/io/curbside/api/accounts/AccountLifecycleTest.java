package io.curbside.api.accounts;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.People.email;
import static io.curbside.api.testing.People.id;
import static io.curbside.api.testing.People.password;
import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing up, in, refreshing, out, changing the password and deleting the account, over HTTP. */
@MicronautTest(transactional = false)
class AccountLifecycleTest extends HttpTest {

    private People people;

    @BeforeAll
    void people() {
        people = new People(http);
    }

    @Test
    void aNewResidentIsSignedInAndSeesThemselves() {
        Map<String, Object> session = people.register("ana");
        assertEquals("Bearer", session.get("token_type"));
        assertEquals(600, session.get("expires_in"));
        Map<String, Object> me = http.toBlocking().retrieve(HttpRequest.GET("/v1/me").bearerAuth(token(session)), JSON);
        assertEquals(email(session), me.get("email"));
        assertEquals("ana", me.get("display_name"));
        assertEquals(List.of("resident"), me.get("roles"));
    }

    @Test
    void passwordsAreStoredAsArgon2idHashes() throws Exception {
        Map<String, Object> session = people.register("hash");
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT password_hash FROM account WHERE email = '" + email(session) + "'")) {
            assertTrue(rs.next());
            String stored = rs.getString(1);
            assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
            assertFalse(stored.contains(password(email(session))));
        }
    }

    @Test
    void anAddressCanHoldOneAccount() {
        Map<String, Object> session = people.register("twice");
        String sameButShouting = email(session).toUpperCase();
        assertEquals(HttpStatus.ACCEPTED, http.toBlocking().exchange(HttpRequest.POST("/v1/accounts",
                Map.of("email", sameButShouting, "password", "another-password"))).getStatus());
        requests.problem(HttpRequest.POST("/v1/auth/login", Map.of("email", email(session), "password", "another-password")),
                HttpStatus.UNAUTHORIZED, "invalid-credentials");
        assertEquals(id(session), id(people.login(email(session), password(email(session)))));
    }

    @Test
    void weakOrMalformedSignUpsAreRefusedByField() {
        Map<String, Object> shortPassword = requests.problem(HttpRequest.POST("/v1/accounts",
                Map.of("email", "short@example.org", "password", "2short")), HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("password"), io.curbside.api.testing.RequestsClient.fields(shortPassword));
        Map<String, Object> badEmail = requests.problem(HttpRequest.POST("/v1/accounts",
                Map.of("email", "not an address", "password", "long enough password")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertEquals(List.of("email"), io.curbside.api.testing.RequestsClient.fields(badEmail));
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressAnswerAlike() {
        Map<String, Object> session = people.register("guess");
        Map<String, Object> wrong = requests.problem(HttpRequest.POST("/v1/auth/login",
                Map.of("email", email(session), "password", "not-the-password")), HttpStatus.UNAUTHORIZED, "invalid-credentials");
        Map<String, Object> unknown = requests.problem(HttpRequest.POST("/v1/auth/login",
                Map.of("email", "nobody@example.org", "password", "not-the-password")), HttpStatus.UNAUTHORIZED, "invalid-credentials");
        assertEquals(wrong.get("detail"), unknown.get("detail"));
    }

    @Test
    void aRefreshTokenIsGoodForOneUseAndItsReuseAfterTheNextOneEndsTheSignIn() {
        Map<String, Object> first = people.register("rotate");
        Map<String, Object> second = refresh(first);
        assertNotEquals(first.get("refresh_token"), second.get("refresh_token"));
        assertNotEquals(token(first), token(second));
        Map<String, Object> third = refresh(second);
        // The first token again, after its successor was used: a copy. The sign-in ends, the third dies too.
        requests.problem(refreshRequest(first), HttpStatus.UNAUTHORIZED, "invalid-credentials");
        requests.problem(refreshRequest(third), HttpStatus.UNAUTHORIZED, "invalid-credentials");
    }

    @Test
    void aRefreshWhoseAnswerWasLostMayBeSentAgainOnce() {
        Map<String, Object> first = people.register("lost");
        Map<String, Object> lost = refresh(first);
        // The phone never got "lost" and sends the first token again, within the grace: a new pair,
        // and the pair it never saw is dead.
        Map<String, Object> again = refresh(first);
        assertNotEquals(lost.get("refresh_token"), again.get("refresh_token"));
        // Once only: sent a third time, the first token is a copy, and the sign-in ends.
        requests.problem(refreshRequest(first), HttpStatus.UNAUTHORIZED, "invalid-credentials");
        requests.problem(refreshRequest(lost), HttpStatus.UNAUTHORIZED, "invalid-credentials");
        // Presenting the dead one looked like theft: that sign-in is over.
        requests.problem(refreshRequest(again), HttpStatus.UNAUTHORIZED, "invalid-credentials");
    }

    @Test
    void signingOutRevokesTheRefreshTokenButNotOtherSignIns() {
        Map<String, Object> session = people.register("leave");
        Map<String, Object> onTablet = people.login(email(session), password(email(session)));
        HttpResponse<?> out = http.toBlocking().exchange(HttpRequest.POST("/v1/auth/logout",
                Map.of("refresh_token", session.get("refresh_token"))));
        assertEquals(HttpStatus.NO_CONTENT, out.getStatus());
        requests.problem(refreshRequest(session), HttpStatus.UNAUTHORIZED, "invalid-credentials");
        assertEquals(email(session), email(refresh(onTablet)));
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.POST("/v1/auth/logout",
                Map.of("refresh_token", "never-issued"))).getStatus());
    }

    @Test
    void changingThePasswordNeedsTheOldOneAndEndsOtherSignIns() {
        Map<String, Object> session = people.register("change");
        String address = email(session);
        Map<String, Object> elsewhere = people.login(address, password(address));
        requests.problem(HttpRequest.PUT("/v1/me/password", Map.of("current_password", "wrong-password",
                "new_password", "a brand new password")).bearerAuth(token(session)), HttpStatus.FORBIDDEN,
                "reauthentication-required");
        Map<String, Object> changed = http.toBlocking().retrieve(HttpRequest.PUT("/v1/me/password",
                Map.of("current_password", password(address), "new_password", "a brand new password"))
                .bearerAuth(token(session)), JSON);
        assertEquals(address, email(changed));
        requests.problem(refreshRequest(elsewhere), HttpStatus.UNAUTHORIZED, "invalid-credentials");
        requests.problem(HttpRequest.POST("/v1/auth/login", Map.of("email", address, "password", password(address))),
                HttpStatus.UNAUTHORIZED, "invalid-credentials");
        assertEquals(address, email(people.login(address, "a brand new password")));
    }

    @Test
    void aDeletedAccountIsErasedAndItsRequestsStayWithoutItsDetails() throws Exception {
        Map<String, Object> session = people.register("gone");
        String address = email(session);
        Map<String, Object> filed = http.toBlocking().retrieve(HttpRequest.POST("/v1/requests",
                io.curbside.api.testing.Reports.aPothole().contact("Gone Person", address, "+1 614 555 0100").json())
                .bearerAuth(token(session)), JSON);
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.POST("/v1/me/deletion", Map.of())
                .bearerAuth(token(session))).getStatus());
        requests.problem(HttpRequest.POST("/v1/auth/login", Map.of("email", address, "password", password(address))),
                HttpStatus.UNAUTHORIZED, "invalid-credentials");
        requests.problem(refreshRequest(session), HttpStatus.UNAUTHORIZED, "invalid-credentials");
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT contact_name, contact_email, contact_phone, reporter_account_id, status
                FROM service_request WHERE tracking_number = '%s'""".formatted(filed.get("tracking_number")))) {
            assertTrue(rs.next(), "the request stays");
            assertNull(rs.getString(1));
            assertNull(rs.getString(2));
            assertNull(rs.getString(3));
            assertNull(rs.getString(4));
            assertEquals("received", rs.getString(5));
        }
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM account WHERE email = '" + address + "' OR password_hash IS NOT NULL AND deleted_at IS NOT NULL")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
        // The address is free again.
        assertEquals(HttpStatus.ACCEPTED, http.toBlocking().exchange(HttpRequest.POST("/v1/accounts",
                Map.of("email", address, "password", "a fresh start password"))).getStatus());
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/v1/auth/login",
                Map.of("email", address, "password", "a fresh start password")), JSON).getStatus());
    }

    private Map<String, Object> refresh(Map<String, Object> session) {
        return http.toBlocking().retrieve(refreshRequest(session), JSON);
    }

    private static HttpRequest<?> refreshRequest(Map<String, Object> session) {
        return HttpRequest.POST("/v1/auth/refresh", Map.of("refresh_token", session.get("refresh_token")));
    }
}
