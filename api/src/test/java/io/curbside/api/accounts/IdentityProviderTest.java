package io.curbside.api.accounts;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.curbside.api.testing.HttpTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The city's own identity provider, as configuration alone sets it up: its key set served over
 * HTTP on loopback, its group claim mapped to Curbside roles. Its tokens work; tokens it did
 * not sign, or that borrow Curbside's issuer, do not.
 */
@MicronautTest(transactional = false)
class IdentityProviderTest extends HttpTest {

    private static final String ISSUER = "https://login.city.test/realms/city";

    private final RSAKey providerKey = rsa();
    private final RSAKey strangerKey = rsa();
    private HttpServer keys;
    private final java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
    private int fetchedBeforeAnyToken;

    @Override
    protected Map<String, String> extraProperties() {
        try {
            keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] set = new JWKSet(providerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        keys.createContext("/certs", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, set.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(set);
            }
        });
        keys.start();
        return Map.of(
                "curbside.identity-provider.jwks-url", "http://127.0.0.1:" + keys.getAddress().getPort() + "/certs",
                "curbside.identity-provider.issuer", ISSUER,
                "curbside.identity-provider.audience", "curbside",
                "curbside.identity-provider.roles-claim", "groups",
                "curbside.identity-provider.role-map", "311-admins=admin, 311-streets=staff:streets, 311-liaisons=liaison");
    }

    @org.junit.jupiter.api.BeforeAll
    void countFetchesAtStart() {
        fetchedBeforeAnyToken = fetches.get();
    }

    @Test
    void theKeysAreFetchedAtStartNotDuringTheFirstTokenCheck() {
        // Token checks run on the event loop: a fetch there would stall every connection on it.
        assertEquals(1, fetchedBeforeAnyToken);
    }

    @AfterAll
    void stopKeys() {
        keys.stop(0);
    }

    @Test
    void aStaffMembersTokenMapsTheirGroupsToRolesAndGetsAnAccount() throws Exception {
        String subject = UUID.randomUUID().toString();
        Map<String, Object> me = me(token(providerKey, ISSUER, subject, List.of("311-streets", "staff-canteen")));
        assertEquals(List.of("resident", "staff"), me.get("roles"));
        assertEquals(List.of("streets"), me.get("departments"));
        assertEquals(me.get("id"), me(token(providerKey, ISSUER, subject, List.of("311-streets"))).get("id"),
                "the same person is the same account the second time");
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT issuer, password_hash FROM account WHERE subject = '" + subject + "'")) {
            rs.next();
            assertEquals(ISSUER, rs.getString(1));
            assertEquals(null, rs.getString(2));
        }
    }

    @Test
    void anAdminGroupOpensAdminRoutesAndNoGroupsMeanResident() throws Exception {
        String admin = token(providerKey, ISSUER, "admin-" + UUID.randomUUID(), List.of("311-admins"));
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/v1/admin/accounts").bearerAuth(admin),
                JSON).getStatus());
        String plain = token(providerKey, ISSUER, "plain-" + UUID.randomUUID(), List.of("everyone"));
        assertEquals(List.of("resident"), me(plain).get("roles"));
        requests.problem(HttpRequest.GET("/v1/admin/accounts").bearerAuth(plain), HttpStatus.FORBIDDEN, "forbidden");
    }

    @Test
    void aKeyTheProviderDoesNotPublishIsRefused() throws Exception {
        refused(token(strangerKey.toRSAKey(), ISSUER, "x", List.of("311-admins")));
        // Even naming the published key's id: the signature is what counts.
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(providerKey.getKeyID()).generate();
        refused(token(impostor, ISSUER, "x", List.of("311-admins")));
    }

    @Test
    void theProvidersKeyCannotSpeakForCurbsideOrAnotherIssuerOrAudience() throws Exception {
        refused(token(providerKey, "curbside", UUID.randomUUID().toString(), List.of("311-admins")));
        refused(token(providerKey, "https://evil.test", "x", List.of("311-admins")));
        Instant now = Instant.now();
        refused(sign(providerKey, new JWTClaimsSet.Builder().issuer(ISSUER).audience("some-other-app").subject("x")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("groups", List.of("311-admins")).build()));
    }

    @Test
    void deletingTheAccountGoesByTheProvidersAuthTimeForThereIsNoPasswordHere() throws Exception {
        String subject = "leaver-" + UUID.randomUUID();
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience("curbside").subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("groups", List.of());
        String noAuthTime = sign(providerKey, claims.build());
        String longAgo = sign(providerKey, claims.claim("auth_time", now.minusSeconds(3600).getEpochSecond()).build());
        String justNow = sign(providerKey, claims.claim("auth_time", now.minusSeconds(10).getEpochSecond()).build());
        for (String stale : List.of(noAuthTime, longAgo)) {
            Map<String, Object> refused = requests.problem(HttpRequest.POST("/v1/me/deletion", Map.of()).bearerAuth(stale),
                    HttpStatus.FORBIDDEN, "reauthentication-required");
            assertTrue(((String) refused.get("detail")).contains("identity provider"), refused.toString());
        }
        // A password is no use: the account has none here.
        requests.problem(HttpRequest.POST("/v1/me/deletion", Map.of("current_password", "anything at all"))
                .bearerAuth(longAgo), HttpStatus.FORBIDDEN, "reauthentication-required");
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.POST("/v1/me/deletion", Map.of())
                .bearerAuth(justNow)).getStatus());
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM account WHERE subject = '" + subject + "'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "erased");
        }
    }

    private Map<String, Object> me(String token) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/me").bearerAuth(token), JSON);
    }

    private void refused(String token) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/v1/me").bearerAuth(token), JSON));
        assertEquals(HttpStatus.UNAUTHORIZED, e.getStatus());
    }

    private static String token(RSAKey key, String issuer, String subject, List<String> groups) throws Exception {
        Instant now = Instant.now();
        return sign(key, new JWTClaimsSet.Builder().issuer(issuer).audience("curbside").subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("groups", groups).build());
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey rsa() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
