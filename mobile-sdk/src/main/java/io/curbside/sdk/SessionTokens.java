package io.curbside.sdk;

import io.curbside.sdk.api.AccountsApi;
import io.curbside.sdk.model.Account;
import io.curbside.sdk.model.RefreshRequest;
import io.curbside.sdk.model.Session;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.time.Clock;

/**
 * The tokens of one sign-in, and the OkHttp interceptor that puts the access token on every call
 * to the API and renews it with the refresh token.
 *
 * <p>A refresh token is good for one use: the server hands out the next with each refresh, and
 * ends the sign-in when one is presented twice. So refreshes happen one at a time, under a lock,
 * and a call refused with an access token that another thread has since replaced just retries
 * with the new one instead of refreshing again.
 *
 * <p>The access token is renewed ahead of its expiry, counted on this device's clock from when it
 * arrived (so a phone whose clock is wrong is not misled): routes open to everyone ignore an
 * expired token instead of refusing it, so a report sent with one would be filed anonymously
 * rather than answered 401. A 401 from a route that needs a sign-in still triggers one refresh
 * and one retry, for tokens that stopped working early.
 */
final class SessionTokens implements Interceptor {

    private static final long LONGEST_MARGIN_MILLIS = 30_000L;

    private final ApiClient client;
    private final AccountsApi accounts;
    private final CurbsideSession.TokenStore store;
    private final Clock clock;
    private final Object lock = new Object();
    private String accessToken;
    private long freshUntilMillis;
    private String refreshToken;
    private Account account;

    SessionTokens(ApiClient client, CurbsideSession.TokenStore store, Clock clock) {
        this.client = client;
        this.accounts = new AccountsApi(client);
        this.store = store;
        this.clock = clock;
        this.refreshToken = store.load();
    }

    /** Keeps the tokens of a new sign-in (or of a refresh). */
    void keep(Session session) {
        synchronized (lock) {
            keepLocked(session);
        }
    }

    /** Forgets the sign-in; returns its refresh token (null when there was none) for the server to revoke. */
    String forget() {
        synchronized (lock) {
            String token = refreshToken;
            accessToken = null;
            refreshToken = null;
            account = null;
            store.save(null);
            return token;
        }
    }

    boolean signedIn() {
        synchronized (lock) {
            return refreshToken != null;
        }
    }

    Account account() {
        synchronized (lock) {
            return account;
        }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (request.header("Authorization") != null || !toTheApi(request) || signInRoute(request)) {
            return chain.proceed(request);
        }
        String token = usableAccessToken();
        if (token == null) {
            return chain.proceed(request);
        }
        Response response = chain.proceed(withToken(request, token));
        if (response.code() != 401 || (request.body() != null && request.body().isOneShot())) {
            return response;
        }
        String renewed = renewAfterRefusal(token);
        if (renewed == null) {
            return response;
        }
        response.close();
        return chain.proceed(withToken(request, renewed));
    }

    /** The access token to send now, renewed first when it is about to expire; null when signed out. */
    private String usableAccessToken() throws IOException {
        synchronized (lock) {
            if (refreshToken == null) {
                return null;
            }
            if (accessToken == null || clock.millis() >= freshUntilMillis) {
                refreshLocked();
            }
            return accessToken;
        }
    }

    /** After a 401 to {@code refused}: the token another call renewed meanwhile, or a new one; null when signed out. */
    private String renewAfterRefusal(String refused) throws IOException {
        synchronized (lock) {
            if (refreshToken == null || !refused.equals(accessToken)) {
                return accessToken;
            }
            refreshLocked();
            return accessToken;
        }
    }

    private void refreshLocked() throws IOException {
        Session session;
        try {
            session = accounts.refresh(new RefreshRequest().refreshToken(refreshToken));
        } catch (ApiException e) {
            if (e.getCode() == 401) {
                // Signed out elsewhere, expired, or the token was used twice: this sign-in is over.
                accessToken = null;
                refreshToken = null;
                account = null;
                store.save(null);
                return;
            }
            // Offline or a server error: keep the sign-in, and let this call fail like any other.
            throw e.getCause() instanceof IOException ? (IOException) e.getCause()
                    : new IOException("could not renew the sign-in (HTTP " + e.getCode() + ")", e);
        }
        keepLocked(session);
    }

    private void keepLocked(Session session) {
        long lifetime = session.getExpiresIn() * 1000L;
        accessToken = session.getAccessToken();
        freshUntilMillis = clock.millis() + lifetime - Math.min(LONGEST_MARGIN_MILLIS, lifetime / 4);
        refreshToken = session.getRefreshToken();
        account = session.getAccount();
        store.save(refreshToken);
    }

    private boolean toTheApi(Request request) {
        // Tokens go to Curbside only, never to another host a URL might name.
        HttpUrl base = HttpUrl.parse(client.getBasePath());
        HttpUrl url = request.url();
        return base != null && url.scheme().equals(base.scheme()) && url.host().equals(base.host())
                && url.port() == base.port() && url.encodedPath().startsWith(base.encodedPath());
    }

    private static boolean signInRoute(Request request) {
        String path = request.url().encodedPath();
        return path.endsWith("/v1/auth/login") || path.endsWith("/v1/auth/refresh") || path.endsWith("/v1/auth/logout")
                || path.endsWith("/v1/accounts");
    }

    private static Request withToken(Request request, String token) {
        return request.newBuilder().header("Authorization", "Bearer " + token).build();
    }
}
