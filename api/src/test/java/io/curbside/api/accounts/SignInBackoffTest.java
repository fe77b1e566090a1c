package io.curbside.api.accounts;

import io.curbside.api.testing.MailParts;
import io.curbside.api.testing.MailTest;
import io.curbside.api.testing.People;
import io.curbside.api.testing.TestClock;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failed sign-ins with one e-mail address make each further try wait, whichever client address it
 * comes from: a wait answered at once with 429 and a truthful Retry-After, after which the owner
 * signs in as before; an address without an account is answered the same; the owner is mailed
 * once about a long run. Time is moved by hand; every attempt comes from a new client address.
 */
@MicronautTest(transactional = false)
class SignInBackoffTest extends MailTest {

    private static final int FREE = 3;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final TestClock clock = new TestClock(Instant.now());

    @Inject
    SignInBackoff backoff;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(super.extraProperties());
        properties.putAll(Map.of("curbside.trusted-proxies", "127.0.0.1/32, ::1",
                "curbside.rate-limit.writes-per-minute", "1000",
                "curbside.sign-in-backoff.free-failures", String.valueOf(FREE),
                "curbside.sign-in-backoff.first-delay", "10s",
                "curbside.sign-in-backoff.max-delay", "60s",
                "curbside.sign-in-backoff.quiet", "15m",
                "curbside.sign-in-backoff.tell-owner-after", "6",
                "curbside.sign-in-backoff.tell-owner-every", "24h"));
        return properties;
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        forgetQueuedMail();
    }

    @Test
    void guessesFromManyAddressesMakeTheAccountWaitNotTheGuessers() {
        String email = victim();
        for (int i = 0; i < FREE; i++) {
            assertEquals(HttpStatus.UNAUTHORIZED, attempt(email, "wrong-password").status());
        }
        // A new client address, and even the right password: the address must wait first.
        Attempt early = attempt(email, People.password(email));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, early.status());
        assertEquals("urn:curbside:problem:rate-limited", early.body().get("type"));
        assertEquals("10", early.retryAfter());
        assertTrue(((String) early.body().get("detail")).contains("wait 10 seconds"), early.body().toString());

        clock.advance(Duration.ofSeconds(9));
        assertEquals("1", attempt(email, People.password(email)).retryAfter(), "the wait does not grow while refused");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(HttpStatus.OK, attempt(email, People.password(email)).status(), "the owner gets in once it passed");

        // Signing in forgets the run: a mistyped password afterwards is free again.
        assertEquals(HttpStatus.UNAUTHORIZED, attempt(email, "wrong-password").status());
        assertEquals(HttpStatus.UNAUTHORIZED, attempt(email, "wrong-password").status());
    }

    @Test
    void theWaitDoublesUpToItsCapAndRetryAfterIsTruthful() {
        String email = victim();
        for (int i = 0; i < FREE; i++) {
            attempt(email, "wrong-password");
        }
        List<String> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Attempt refused = attempt(email, "wrong-password");
            assertEquals(HttpStatus.TOO_MANY_REQUESTS, refused.status());
            waits.add(refused.retryAfter());
            clock.advance(Duration.ofSeconds(Long.parseLong(refused.retryAfter()) - 1));
            assertEquals(HttpStatus.TOO_MANY_REQUESTS, attempt(email, "wrong-password").status(), "a second early");
            clock.advance(Duration.ofSeconds(1));
            assertEquals(HttpStatus.UNAUTHORIZED, attempt(email, "wrong-password").status(), "checked once it passed");
        }
        assertEquals(List.of("10", "20", "40", "60", "60"), waits);
        // However long the guessing went on, the owner waits at most the cap.
        clock.advance(Duration.ofSeconds(60));
        assertEquals(HttpStatus.OK, attempt(email, People.password(email)).status());
    }

    @Test
    void aBurstOfGuessesAtOnceGetsOnlyTheFreeTurns() throws Exception {
        String email = victim();
        int burst = FREE + 5;
        ExecutorService pool = Executors.newFixedThreadPool(burst);
        try {
            List<Future<Attempt>> sent = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                sent.add(pool.submit(() -> attempt(email, "wrong-password")));
            }
            Map<HttpStatus, Integer> answers = new HashMap<>();
            for (Future<Attempt> answer : sent) {
                answers.merge(answer.get(30, TimeUnit.SECONDS).status(), 1, Integer::sum);
            }
            assertEquals(Map.of(HttpStatus.UNAUTHORIZED, FREE, HttpStatus.TOO_MANY_REQUESTS, burst - FREE), answers,
                    "every attempt is counted before its password is checked, so a burst gets no extra turns");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongPasswordsOfASignedInPersonCountAsSignInsDo() {
        Map<String, Object> session = new People(http).register("victim");
        String email = People.email(session);
        String token = People.token(session);
        for (int i = 0; i < FREE; i++) {
            assertEquals(HttpStatus.FORBIDDEN, signedIn(HttpRequest.POST("/v1/me/deletion",
                    Map.of("current_password", "wrong-password")), token).status());
        }
        // Every way to check the password now waits, sign-in included, the right password too.
        Attempt deletion = signedIn(HttpRequest.POST("/v1/me/deletion", Map.of("current_password", "wrong-password")), token);
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, deletion.status());
        assertEquals("10", deletion.retryAfter());
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, signedIn(HttpRequest.PUT("/v1/me/password", Map.of(
                "current_password", People.password(email), "new_password", "a brand new password")), token).status());
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, signedIn(HttpRequest.PUT("/v1/me/email", Map.of(
                "email", "elsewhere-" + System.nanoTime() + "@example.org", "current_password", "wrong-password")),
                token).status());
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, attempt(email, People.password(email)).status());

        // A sign-in's failures count there too, and the right password there ends the run as sign-in's does.
        clock.advance(Duration.ofSeconds(10));
        assertEquals(HttpStatus.UNAUTHORIZED, attempt(email, "wrong-password").status());
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, signedIn(HttpRequest.PUT("/v1/me/password", Map.of(
                "current_password", People.password(email), "new_password", "a brand new password")), token).status());
        clock.advance(Duration.ofSeconds(20));
        assertEquals(HttpStatus.OK, signedIn(HttpRequest.PUT("/v1/me/password", Map.of(
                "current_password", People.password(email), "new_password", "a brand new password")), token).status());
        for (int i = 0; i < FREE; i++) {
            assertEquals(HttpStatus.UNAUTHORIZED, attempt(email, "wrong-password").status(), "the run was forgotten");
        }
    }

    @Test
    void aPasswordResetEndsTheWait() throws Exception {
        String email = victim();
        for (int i = 0; i < FREE + 1; i++) {
            attempt(email, "wrong-password");
        }
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, attempt(email, People.password(email)).status());
        forgetQueuedMail();
        http.toBlocking().exchange(HttpRequest.POST("/v1/auth/password-reset", Map.of("email", email)));
        assertEquals(1, worker.runOnce());
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        String code = code(text(smtp.getReceivedMessages()[0]));
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.POST("/v1/auth/password-reset/confirm",
                Map.of("token", code, "new_password", "a brand new password"))).getStatus());
        // The owner proved the inbox: no wait left, whatever the stranger's run had reached.
        assertEquals(HttpStatus.OK, attempt(email, "a brand new password").status());
    }

    @Test
    void aRunIsPurgedOnceItIsOver() throws Exception {
        String email = victim();
        for (int i = 0; i < FREE; i++) {
            attempt(email, "wrong-password");
        }
        backoff.purge();
        assertEquals(1, runsOf(email), "a run still waiting is kept");
        clock.advance(Duration.ofSeconds(10).plus(Duration.ofMinutes(15)).plusSeconds(1));
        backoff.purge();
        assertEquals(0, runsOf(email), "over a quiet while after its wait: gone");
    }

    @Test
    void anAddressWithoutAnAccountIsAnsweredTheSame() {
        String known = victim();
        String unknown = "nobody-" + System.nanoTime() + "@example.org";
        List<String> forKnown = new ArrayList<>();
        List<String> forUnknown = new ArrayList<>();
        for (int i = 0; i < FREE + 2; i++) {
            Attempt a = attempt(known, "wrong-password");
            Attempt b = attempt(unknown, "wrong-password");
            forKnown.add(a.status() + " " + a.retryAfter() + " " + a.body());
            forUnknown.add(b.status() + " " + b.retryAfter() + " " + b.body());
        }
        assertEquals(forKnown, forUnknown);
        assertTrue(forUnknown.get(FREE).startsWith("TOO_MANY_REQUESTS 10 "), forUnknown.toString());
    }

    @Test
    void theOwnerIsMailedOnceAboutALongRun() throws Exception {
        String email = victim();
        forgetQueuedMail();
        String unknown = "nobody-" + System.nanoTime() + "@example.org";
        for (String address : List.of(email, unknown)) {
            for (int failures = 0; failures < 12; ) {
                Attempt a = attempt(address, "wrong-password");
                if (a.status() == HttpStatus.TOO_MANY_REQUESTS) {
                    clock.advance(Duration.ofSeconds(Long.parseLong(a.retryAfter())));
                } else {
                    assertEquals(HttpStatus.UNAUTHORIZED, a.status());
                    failures++;
                }
            }
        }
        assertEquals(1, worker.runOnce(), "one mail, to the account's owner, none for the unknown address");
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals(email, mail.getAllRecipients()[0].toString());
        assertTrue(mail.getSubject().startsWith("Failed sign-ins to your account"), mail.getSubject());
        assertTrue(MailParts.text(mail).contains("6 times in a row"), MailParts.text(mail));
        assertTrue(MailParts.text(mail).contains("resetting your password"), MailParts.text(mail));
        assertTrue(MailParts.text(mail).replace("\r\n", "\n").replace("\n", " ").contains("also ends the wait at once"),
                MailParts.text(mail));
    }

    private int runsOf(String email) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM sign_in_failure WHERE address_hash = sha256(convert_to(?, 'UTF8'))")) {
            ps.setString(1, "sign-in:" + email);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private String victim() {
        return People.email(new People(http).register("victim"));
    }

    private record Attempt(HttpStatus status, String retryAfter, Map<String, Object> body) {
    }

    /** A request of the signed-in person, from a client address no attempt used before. */
    private Attempt signedIn(MutableHttpRequest<?> request, String token) {
        int n = CLIENTS.incrementAndGet();
        return send(request.bearerAuth(token).header("X-Forwarded-For", "198.51." + (n / 250) + "." + (n % 250 + 1)));
    }

    private Attempt send(HttpRequest<?> request) {
        try {
            http.toBlocking().exchange(request, JSON);
            return new Attempt(HttpStatus.OK, null, Map.of());
        } catch (HttpClientResponseException e) {
            Map<String, Object> body = new HashMap<>(e.getResponse().getBody(JSON).orElseThrow());
            body.remove("instance");
            return new Attempt(e.getStatus(), e.getResponse().header("Retry-After"), body);
        }
    }

    /** One sign-in from a client address no attempt used before (the test client is the trusted proxy). */
    private Attempt attempt(String email, String password) {
        int n = CLIENTS.incrementAndGet();
        HttpRequest<?> request = HttpRequest.POST("/v1/auth/login", Map.of("email", email, "password", password))
                .header("X-Forwarded-For", "198.51." + (n / 250) + "." + (n % 250 + 1));
        return send(request);
    }
}
