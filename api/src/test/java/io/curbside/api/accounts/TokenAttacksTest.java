package io.curbside.api.accounts;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every forged, altered or stale token is no one: 401 problem+json with {@code WWW-Authenticate},
 * on a route any signed-in person may use and on an admin route. The app's real key signs the
 * tokens that should pass, so each refusal is for the one flaw it names.
 */
@MicronautTest(transactional = false)
class TokenAttacksTest extends HttpTest {

    @jakarta.inject.Inject
    SigningKey signingKey;
    @jakarta.inject.Inject
    TokenSettings settings;

    private People people;
    private String account;
    private String session;

    @BeforeAll
    void account() throws Exception {
        people = new People(http);
        Map<String, Object> signedIn = people.register("target");
        account = People.id(signedIn);
        session = SignedJWT.parse(token(signedIn)).getJWTClaimsSet().getStringClaim("sid");
    }

    @Test
    void aTokenSignedByTheAppWithTheRightClaimsIsAccepted() throws Exception {
        assertEquals(account, me(sign(claims().build(), header())).get("id"));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        refused(new PlainJWT(claims().claim("roles", List.of("resident", "admin")).build()).serialize());
    }

    @Test
    void aTokenWhoseHeaderSaysNoneButCarriesTheRealSignatureIsRefused() throws Exception {
        String[] parts = sign(claims().build(), header()).split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
        refused(none + "." + parts[1] + "." + parts[2]);
        refused(none + "." + parts[1] + ".");
    }

    @Test
    void aTokenSignedByAnotherKeyWithTheSameKeyIdIsRefused() throws Exception {
        ECKey impostor = SigningKey.generate();
        SignedJWT jwt = new SignedJWT(header(), claims().build());
        jwt.sign(new ECDSASigner(impostor));
        refused(jwt.serialize());
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRefused() throws Exception {
        // The classic confusion: HS256 "signed" with the (public) verification key as the secret.
        byte[] secret = signingKey.key().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey.keyId())
                .type(new JOSEObjectType("at+jwt")).build(), claims().build());
        jwt.sign(new MACSigner(java.util.Arrays.copyOf(secret, Math.max(32, secret.length))));
        refused(jwt.serialize());
    }

    @Test
    void aTokenWhosePayloadWasAlteredIsRefused() throws Exception {
        String[] parts = sign(claims().build(), header()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"resident\"", "\"admin\"");
        refused(parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    @Test
    void aTokenOfAnotherIssuerOrAudienceIsRefused() throws Exception {
        refused(sign(claims().issuer("someone-else").build(), header()));
        refused(sign(claims().audience("another-api").build(), header()));
        refused(sign(claims().audience((String) null).build(), header()));
    }

    @Test
    void anExpiredTokenIsRefusedAndOneWithoutExpiryToo() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        refused(sign(claims().issueTime(Date.from(past.minusSeconds(600))).notBeforeTime(Date.from(past.minusSeconds(600)))
                .expirationTime(Date.from(past)).build(), header()));
        refused(sign(claims().expirationTime(null).build(), header()));
    }

    @Test
    void aTokenNotValidYetIsRefused() throws Exception {
        refused(sign(claims().notBeforeTime(Date.from(Instant.now().plusSeconds(3600))).build(), header()));
    }

    @Test
    void aTokenThatIsNotAnAccessTokenIsRefused() throws Exception {
        refused(sign(claims().build(), new JWSHeader.Builder(signingKey.algorithm()).keyID(signingKey.keyId()).build()));
    }

    @Test
    void aTokenThatNamesNoSignInIsRefused() throws Exception {
        // It could never be ended by signing out, so it is no one.
        refused(sign(claims().claim("sid", null).build(), header()));
        refused(sign(claims().claim("sid", "not-a-uuid").build(), header()));
    }

    @Test
    void garbageIsRefused() {
        refused("not.a.token");
        refused("");
        refused(UUID.randomUUID().toString());
    }

    @Test
    void aResidentsGenuineTokenDoesNotOpenAdminRoutes() throws Exception {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET("/v1/admin/accounts").bearerAuth(sign(claims().build(), header())), JSON));
        assertEquals(HttpStatus.FORBIDDEN, e.getStatus());
        assertEquals("urn:curbside:problem:forbidden", e.getResponse().getBody(JSON).orElseThrow().get("type"));
    }

    @Test
    void anExpiredTokenOnARouteOpenToAllIsRefusedNotTakenForAnonymous() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        String expired = sign(claims().issueTime(Date.from(past.minusSeconds(600))).notBeforeTime(Date.from(past.minusSeconds(600)))
                .expirationTime(Date.from(past)).build(), header());
        Map<String, Object> report = io.curbside.api.testing.Reports.aPothole().json();
        for (HttpRequest<?> request : List.of(HttpRequest.POST("/v1/requests", report).bearerAuth(expired),
                HttpRequest.GET("/v1/services").bearerAuth(expired))) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(request, JSON));
            assertEquals(HttpStatus.UNAUTHORIZED, e.getStatus());
            assertEquals("Bearer realm=\"curbside\", error=\"invalid_token\"",
                    e.getResponse().getHeaders().get(HttpHeaders.WWW_AUTHENTICATE));
        }
        assertEquals(HttpStatus.CREATED, http.toBlocking().exchange(HttpRequest.POST("/v1/requests", report), JSON).getStatus(),
                "without the token it is an anonymous report");
        String email = People.email(people.register("stale"));
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/v1/auth/login",
                Map.of("email", email, "password", People.password(email))).bearerAuth(expired), JSON).getStatus(),
                "signing in again works with the stale token still attached");
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(settings.issuer()).audience(settings.audience()).subject(account)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString()).claim("roles", List.of("resident"))
                .claim("departments", List.of()).claim("sid", session);
    }

    private JWSHeader header() {
        return new JWSHeader.Builder(signingKey.algorithm()).keyID(signingKey.keyId())
                .type(new JOSEObjectType("at+jwt")).build();
    }

    private String sign(JWTClaimsSet claims, JWSHeader header) throws Exception {
        JWK key = signingKey.key();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner((ECKey) key));
        return jwt.serialize();
    }

    private Map<String, Object> me(String token) {
        return http.toBlocking().retrieve(HttpRequest.GET("/v1/me").bearerAuth(token), JSON);
    }

    private void refused(String token) {
        for (String route : List.of("/v1/me", "/v1/admin/accounts")) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(HttpRequest.GET(route).bearerAuth(token), JSON), token);
            assertEquals(HttpStatus.UNAUTHORIZED, e.getStatus(), route + " with " + token);
            assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
            assertEquals("urn:curbside:problem:unauthorized", e.getResponse().getBody(JSON).orElseThrow().get("type"));
            assertTrue(e.getResponse().getHeaders().get(HttpHeaders.WWW_AUTHENTICATE, String.class).orElse("")
                    .startsWith("Bearer"), route);
        }
    }
}
