package io.curbside.sdk;

import io.curbside.sdk.api.AccountsApi;
import io.curbside.sdk.api.AddressesApi;
import io.curbside.sdk.api.FollowingApi;
import io.curbside.sdk.api.MyRequestsApi;
import io.curbside.sdk.model.Account;
import io.curbside.sdk.model.AccountDeletion;
import io.curbside.sdk.model.Credentials;
import io.curbside.sdk.model.EmailChange;
import io.curbside.sdk.model.EmailVerification;
import io.curbside.sdk.model.Following;
import io.curbside.sdk.model.MyRequests;
import io.curbside.sdk.model.PasswordChange;
import io.curbside.sdk.model.RefreshRequest;
import io.curbside.sdk.model.PasswordReset;
import io.curbside.sdk.model.PasswordResetRequest;
import io.curbside.sdk.model.Registration;
import io.curbside.sdk.model.Session;
import io.curbside.sdk.model.Updates;

import java.time.Clock;

/**
 * A resident signed in on a phone: signs up, in and out, keeps the tokens, and lists their own
 * requests and what changed in the requests they follow.
 *
 * <p>Once made, it signs every call of the client it was given, whichever API makes it
 * ({@code RequestsApi}, {@link ReportOutbox}...): a report filed while signed in is the
 * resident's, and shows in {@link #myRequests}. Access tokens are renewed by themselves (see
 * {@link SessionTokens}); when the sign-in ends on the server (signed out elsewhere, or the
 * password changed), calls go on anonymously, {@link #isSignedIn()} turns false, and routes that
 * need a sign-in answer 401: the app asks the resident to sign in again.
 *
 * <p>Safe to share between threads. One session per client.
 */
public class CurbsideSession {

    /**
     * Where the refresh token is kept between starts of the app (on Android, encrypted shared
     * preferences); it is worth a sign-in, so keep it as secret as a password.
     */
    public interface TokenStore {

        /** The refresh token saved last, or null. */
        String load();

        /** Saves the current refresh token (each refresh replaces it); null when signed out. */
        void save(String refreshToken);
    }

    private final AccountsApi accounts;
    private final AddressesApi addresses;
    private final MyRequestsApi myRequests;
    private final FollowingApi following;
    private final SessionTokens tokens;

    /** A session kept in memory only: the resident signs in again at each start of the app. */
    public CurbsideSession(CurbsideClient client) {
        this(client, new MemoryStore(), Clock.systemUTC());
    }

    /** A session that resumes from, and saves to, the store: signed in already when it holds a refresh token. */
    public CurbsideSession(CurbsideClient client, TokenStore store, Clock clock) {
        this.tokens = new SessionTokens(client, store, clock);
        client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor(tokens).build());
        this.accounts = new AccountsApi(client);
        this.addresses = new AddressesApi(client);
        this.myRequests = new MyRequestsApi(client);
        this.following = new FollowingApi(client);
    }

    /**
     * Creates a resident account and signs it in. Sign-up answers the same whether or not the address
     * had an account (its owner is mailed instead), so an address that had one ends here in a 401
     * {@code invalid-credentials} from the sign-in, unless the password was that account's.
     */
    public Account register(String email, String password, String displayName) throws ApiException {
        accounts.register(new Registration().email(email).password(password).displayName(displayName), null);
        return login(email, password);
    }

    /** Asks for a password reset code by e-mail; answers the same whether or not the address has an account. */
    public void requestPasswordReset(String email) throws ApiException {
        accounts.requestPasswordReset(new PasswordResetRequest().email(email), null);
    }

    /** Sets a new password with the mailed code; every sign-in of the account ends, so sign in again. */
    public void resetPassword(String code, String newPassword) throws ApiException {
        accounts.confirmPasswordReset(new PasswordReset().token(code).newPassword(newPassword));
    }

    /**
     * Proves an address with the code mailed to it (at sign-up, on {@link #resendVerification}, or
     * to a new address after {@link #changeEmail}); needs no sign-in. A 400
     * {@code invalid-verification-code} when it is not one, was used, or expired. News of followed
     * requests is e-mailed only to a proved address ({@code Account.getEmailVerified()}).
     */
    public void verifyEmail(String code) throws ApiException {
        addresses.confirmEmailVerification(new EmailVerification().token(code));
    }

    /**
     * Mails a new code to the account's address; false when there was nothing to prove (proved
     * already). A 429 when the account had its share of mail this hour.
     */
    public boolean resendVerification() throws ApiException {
        return addresses.resendEmailVerificationWithHttpInfo(null).getStatusCode() == 202;
    }

    /**
     * Asks to move the account to another address: a code goes to it, and the account moves when
     * {@link #verifyEmail} uses it. A {@link ReauthenticationRequiredException} when the password is
     * wrong.
     */
    public void changeEmail(String newEmail, String currentPassword) throws ApiException {
        try {
            addresses.changeEmail(new EmailChange().email(newEmail).currentPassword(currentPassword), null);
        } catch (ApiException e) {
            throw ReauthenticationRequiredException.orAsItWas(e);
        }
    }

    /** Signs in; a 401 {@code invalid-credentials} when the e-mail or password is wrong. */
    public Account login(String email, String password) throws ApiException {
        Session session = accounts.login(new Credentials().email(email).password(password));
        tokens.keep(session);
        return session.getAccount();
    }

    /** Signs out here and on the server; signed out here even when the server cannot be reached. */
    public void logout() throws ApiException {
        String refreshToken = tokens.forget();
        if (refreshToken != null) {
            accounts.logout(new RefreshRequest().refreshToken(refreshToken));
        }
    }

    /**
     * Changes the password; every other sign-in of the account ends at once, and this one goes on
     * with the new tokens the server answers. A wrong current password is a
     * {@link ReauthenticationRequiredException}.
     */
    public Account changePassword(String currentPassword, String newPassword) throws ApiException {
        try {
            Session session = accounts.changePassword(new PasswordChange().currentPassword(currentPassword)
                    .newPassword(newPassword));
            tokens.keep(session);
            return session.getAccount();
        } catch (ApiException e) {
            throw ReauthenticationRequiredException.orAsItWas(e);
        }
    }

    /**
     * Deletes the account and signs out here. Give the current password as the resident types it,
     * or null within a few minutes of {@link #login} (not of a refresh): without it, or with a wrong
     * one, a {@link ReauthenticationRequiredException} says to ask for the password and call again.
     */
    public void deleteAccount(String currentPassword) throws ApiException {
        try {
            accounts.deleteMe(new AccountDeletion().currentPassword(currentPassword));
        } catch (ApiException e) {
            throw ReauthenticationRequiredException.orAsItWas(e);
        }
        tokens.forget();
    }

    public boolean isSignedIn() {
        return tokens.signedIn();
    }

    /** Who is signed in, as of the last sign-in or refresh; null when signed out or not refreshed since the app started. */
    public Account account() {
        return tokens.account();
    }

    /** The resident's own requests, newest first; {@code cursor}: the {@code next_cursor} of the page before. */
    public MyRequests myRequests(String cursor, Integer limit) throws ApiException {
        return myRequests.listMyRequests(cursor, limit);
    }

    /**
     * What happened in the requests the resident follows after {@code since} (the
     * {@code next_cursor} of the answer before; null the first time), oldest first, in the
     * language asked for (null: the server's choice). Keep the {@code next_cursor}, even of an
     * empty answer, for the next poll.
     */
    public Updates updates(String since, Integer limit, String lang) throws ApiException {
        return following.listMyUpdates(since, limit, lang, null, null);
    }

    /** Follows a request: its news comes in {@link #updates}. */
    public Following follow(String trackingNumber) throws ApiException {
        return following.followRequest(trackingNumber);
    }

    public void unfollow(String trackingNumber) throws ApiException {
        following.unfollowRequest(trackingNumber);
    }

    /** Keeps the refresh token for the life of the process only. */
    private static final class MemoryStore implements TokenStore {

        private volatile String refreshToken;

        @Override
        public String load() {
            return refreshToken;
        }

        @Override
        public void save(String refreshToken) {
            this.refreshToken = refreshToken;
        }
    }
}
