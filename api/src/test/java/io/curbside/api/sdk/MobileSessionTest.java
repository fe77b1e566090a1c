package io.curbside.api.sdk;

import io.curbside.api.testing.ClockedTokenTimes;
import io.curbside.api.testing.DatabaseTest;
import io.curbside.api.testing.TestClock;
import io.curbside.sdk.ApiException;
import io.curbside.sdk.CurbsideClient;
import io.curbside.sdk.CurbsideSession;
import io.curbside.sdk.Delivery;
import io.curbside.sdk.ReauthenticationRequiredException;
import io.curbside.sdk.ReportOutbox;
import io.curbside.sdk.api.RequestsApi;
import io.curbside.sdk.model.Account;
import io.curbside.sdk.model.MyRequest;
import io.curbside.sdk.model.NewServiceRequest;
import io.curbside.sdk.model.ReportedLocation;
import io.curbside.sdk.model.Update;
import io.curbside.sdk.model.Updates;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mobile SDK's session: signs up, files reports signed in, lists "my requests" and the updates
 * feed, and lives through its access tokens expiring (two seconds here) without the app noticing.
 * Time is the app's clock, which the test moves on, and the session's, which it shares.
 */
@MicronautTest(transactional = false)
class MobileSessionTest extends DatabaseTest {

    private static final long TOKEN_LIFETIME_MILLIS = 2_000;

    private final TestClock clock = new TestClock(Instant.now());

    @Inject
    EmbeddedServer server;

    @TempDir
    Path outbox;

    /** Refreshes that reached the server, counted on the wire. */
    private final AtomicInteger refreshes = new AtomicInteger();

    @BeforeEach
    void noRefreshesYet() {
        refreshes.set(0);
    }

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> settings = new HashMap<>(ClockedTokenTimes.SETTINGS);
        settings.put("curbside.tokens.access-ttl", TOKEN_LIFETIME_MILLIS + "ms");
        return settings;
    }

    @Test
    void signsUpFilesSignedInAndSeesItInMyRequestsAfterTheAccessTokenExpired() throws Exception {
        CurbsideClient client = client();
        MemoryStore store = new MemoryStore();
        CurbsideSession session = new CurbsideSession(client, store, clock);
        Account ana = session.register(email("ana"), "a long password", "Ana");
        assertTrue(session.isSignedIn());

        // Filed through the offline outbox, which knows nothing of sign-ins: the session signs its calls.
        ReportOutbox reports = new ReportOutbox(outbox.toFile(), client);
        reports.enqueue(aPothole(0), Collections.emptyList());
        List<Delivery> sent = reports.sendPending();
        String first = sent.get(0).getCreated().getTrackingNumber();
        assertEquals(List.of(first), numbers(session));

        expire();
        // Open to everyone, this route would take an expired token as none and file anonymously: renewed first.
        String second = new RequestsApi(client).createServiceRequest(aPothole(300), null, null, null).getTrackingNumber();
        assertEquals(1, refreshes.get());
        assertEquals(List.of(second, first), numbers(session));
        assertEquals("reporter", session.myRequests(null, null).getRequests().get(0).getRelation().getValue());

        // Their requests' news, in Spanish: each was received and sent to the department.
        // Events show once every older transaction on the database server is over: wait out other test runs'.
        Updates news = await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .until(() -> session.updates(null, 50, "es"), updates -> updates.getUpdates().size() >= 4);
        assertEquals("es", news.getLanguage());
        List<String> seen = new ArrayList<>();
        for (Update update : news.getUpdates()) {
            seen.add(update.getTrackingNumber() + " " + update.getTitle());
        }
        assertEquals(List.of(first + " Recibido", second + " Recibido"), List.of(seen.get(0), seen.get(2)));
        assertFalse(news.getNextCursor().isEmpty());

        // The next start of the app resumes the sign-in from the saved refresh token.
        CurbsideSession resumed = new CurbsideSession(client(), store, clock);
        assertTrue(resumed.isSignedIn());
        assertEquals(List.of(second, first), numbers(resumed));
        assertEquals(ana.getId(), resumed.account().getId());
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndTheCallRetried() throws Exception {
        // A clock that stands still: the session never renews ahead, so the server's 401 is what tells it.
        CurbsideSession session = new CurbsideSession(client(), new MemoryStore(), stoppedClock());
        session.register(email("bo"), "a long password", "Bo");
        expire();
        assertEquals(List.of(), numbers(session));
        assertEquals(1, refreshes.get());
    }

    @Test
    void callsRefusedAtOnceShareOneRefreshAndTheSignInSurvives() throws Exception {
        CurbsideSession session = new CurbsideSession(client(), new MemoryStore(), stoppedClock());
        session.register(email("cy"), "a long password", "Cy");
        expire();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(threads.submit(new Callable<Integer>() {
                    @Override
                    public Integer call() throws Exception {
                        start.await();
                        return session.myRequests(null, null).getRequests().size();
                    }
                }));
            }
            start.countDown();
            for (Future<Integer> call : calls) {
                assertEquals(0, call.get());
            }
        } finally {
            threads.shutdownNow();
        }
        // A refresh token used twice would have ended the sign-in: one refresh, and it still works.
        assertEquals(1, refreshes.get());
        assertTrue(session.isSignedIn());
        assertEquals(List.of(), numbers(session));
    }

    @Test
    void aRefreshTokenUsedElsewhereEndsTheSignIn() throws Exception {
        MemoryStore store = new MemoryStore();
        CurbsideSession session = new CurbsideSession(client(), store, clock);
        session.register(email("dee"), "a long password", "Dee");
        // Someone copied the refresh token and used it first, then the one it was swapped for (past the grace
        // a lost answer gets, which needs the successor unused).
        String copied = store.load();
        for (int i = 0; i < 2; i++) {
            try (Response stolen = new OkHttpClient().newCall(new Request.Builder()
                    .url(server.getURL() + "/v1/auth/refresh")
                    .post(RequestBody.create("{\"refresh_token\":\"" + copied + "\"}", MediaType.get("application/json")))
                    .build()).execute()) {
                assertEquals(200, stolen.code());
                copied = stolen.body().string().replaceAll(".*\"refresh_token\":\"([^\"]+)\".*", "$1");
            }
        }
        expire();
        ApiException refused = assertThrows(ApiException.class, () -> session.myRequests(null, null));
        assertEquals(401, refused.getCode());
        assertFalse(session.isSignedIn());
        assertNull(store.load());
        assertNull(session.account());
    }

    @Test
    void signingOutEndsTheSignInOnTheServerToo() throws Exception {
        MemoryStore store = new MemoryStore();
        CurbsideSession session = new CurbsideSession(client(), store, clock);
        session.register(email("ed"), "a long password", "Ed");
        String refreshToken = store.load();
        session.logout();
        assertFalse(session.isSignedIn());
        assertEquals(401, assertThrows(ApiException.class, () -> session.myRequests(null, null)).getCode());
        CurbsideSession withTheOldToken = new CurbsideSession(client(), new MemoryStore(refreshToken), clock);
        assertEquals(401, assertThrows(ApiException.class, () -> withTheOldToken.myRequests(null, null)).getCode());
        assertFalse(withTheOldToken.isSignedIn());
        // Signed out, the app still files reports: anonymously.
        assertTrue(new RequestsApi(client()).createServiceRequest(aPothole(600), null, null, null).getTrackingNumber()
                .startsWith("CS-"));
    }

    @Test
    void deletingTheAccountAsksForThePasswordOnceTheSignInIsOld() throws Exception {
        MemoryStore store = new MemoryStore();
        CurbsideSession session = new CurbsideSession(client(), store, clock);
        session.register(email("fay"), "a long password", "Fay");
        // Long after signing in (the session refreshed meanwhile, which does not count as signing in).
        clock.advance(Duration.ofMinutes(6));
        ReauthenticationRequiredException asked = assertThrows(ReauthenticationRequiredException.class,
                () -> session.deleteAccount(null));
        assertEquals(403, asked.getCode());
        assertTrue(session.isSignedIn(), "a 403 is no reason to sign out");
        assertThrows(ReauthenticationRequiredException.class, () -> session.deleteAccount("not the password"));
        session.deleteAccount("a long password");
        assertFalse(session.isSignedIn());
        assertNull(store.load());
    }

    @Test
    void changingThePasswordKeepsThisSignInAndEndsTheOthersAtOnce() throws Exception {
        String address = email("gus");
        CurbsideSession phone = new CurbsideSession(client(), new MemoryStore(), clock);
        phone.register(address, "a long password", "Gus");
        CurbsideSession tablet = new CurbsideSession(client(), new MemoryStore(), clock);
        tablet.login(address, "a long password");
        assertThrows(ReauthenticationRequiredException.class, () -> phone.changePassword("wrong", "a newer password"));
        phone.changePassword("a long password", "a newer password");
        assertEquals(List.of(), numbers(phone));
        // The tablet's access token has not expired, but its sign-in has: refused, its refresh too, so signed out.
        assertEquals(401, assertThrows(ApiException.class, () -> tablet.myRequests(null, null)).getCode());
        assertFalse(tablet.isSignedIn());
    }

    /** An SDK client for the app under test, counting the refreshes it sends. */
    private CurbsideClient client() {
        CurbsideClient client = new CurbsideClient();
        client.setBasePath(server.getURL().toString());
        client.setHttpClient(client.getHttpClient().newBuilder().addNetworkInterceptor(chain -> {
            if (chain.request().url().encodedPath().endsWith("/v1/auth/refresh")) {
                refreshes.incrementAndGet();
            }
            return chain.proceed(chain.request());
        }).build());
        return client;
    }

    /** Moves time past the access tokens handed out so far. */
    private void expire() {
        clock.advance(Duration.ofMillis(TOKEN_LIFETIME_MILLIS + 1_000));
    }

    private Clock stoppedClock() {
        return Clock.fixed(clock.instant(), ZoneOffset.UTC);
    }

    private static String email(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static List<String> numbers(CurbsideSession session) throws ApiException {
        List<String> numbers = new ArrayList<>();
        for (MyRequest request : session.myRequests(null, null).getRequests()) {
            numbers.add(request.getTrackingNumber());
        }
        return numbers;
    }

    private static NewServiceRequest aPothole(double metresNorth) {
        NewServiceRequest report = new NewServiceRequest();
        report.setServiceCode("pothole");
        ReportedLocation location = new ReportedLocation();
        location.setLat(39.997113 + metresNorth / 111_195.0);
        location.setLon(-82.992588);
        report.setLocation(location);
        report.putAnswersItem("size", "large");
        return report;
    }

    /** What an app keeps in its encrypted preferences. */
    private static final class MemoryStore implements CurbsideSession.TokenStore {

        private final AtomicReference<String> token;

        MemoryStore() {
            this(null);
        }

        MemoryStore(String token) {
            this.token = new AtomicReference<>(token);
        }

        @Override
        public String load() {
            return token.get();
        }

        @Override
        public void save(String refreshToken) {
            token.set(refreshToken);
        }
    }
}
