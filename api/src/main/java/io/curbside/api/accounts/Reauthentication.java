package io.curbside.api.accounts;

import io.curbside.api.i18n.Messages;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.utils.SecurityService;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Proof that whoever holds the token is the account's owner now, for what cannot be undone or
 * hands the account to someone else (deleting it, a new password, a new address): the current
 * password, or a password sign-in within {@link TokenSettings#reauthWindow()}, as the token's
 * {@code auth_time} says. Refreshing keeps a sign-in's {@code auth_time}, so a stolen phone whose
 * app refreshes on its own still has to know the password. People of the city's identity provider
 * have no password here: their provider's {@code auth_time} counts, and without one they are
 * refused (their app signs them in again at the provider, e.g. with {@code max_age=0}).
 *
 * <p>A wrong password answers 403, not 401: the token is fine, and an app that took a 401 for an
 * expired token would refresh and send the same password again. A password checked here counts in
 * the account's sign-in back-off ({@link SignInBackoff}, by its address) as a sign-in would: a
 * thief holding a live token guesses no faster here than at sign-in, waits (429 with Retry-After)
 * where sign-in would, and a right password ends the run as a sign-in's does.
 */
@Singleton
class Reauthentication {

    /** A token's auth_time a little ahead of this node's clock is another node's clock, not the future. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final AccountRepository accounts;
    private final PasswordHasher passwords;
    private final SecurityService security;
    private final TokenSettings settings;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final SignInBackoff backoff;
    private final OwnerMail owners;

    Reauthentication(AccountRepository accounts, PasswordHasher passwords, SecurityService security,
                     TokenSettings settings, TransactionOperations<Connection> transactions, Clock clock,
                     SignInBackoff backoff, OwnerMail owners) {
        this.backoff = backoff;
        this.owners = owners;
        this.accounts = accounts;
        this.passwords = passwords;
        this.security = security;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The current password when sent (null: not sent), else a sign-in within the window; 403 otherwise. */
    void confirm(Actor actor, @Nullable String currentPassword) {
        if (currentPassword == null) {
            if (!signedInRecently()) {
                throw required(stored(actor).passwordHash() == null ? "problem.reauthentication.provider"
                        : "problem.reauthentication.needed");
            }
            return;
        }
        confirmPassword(actor, currentPassword);
    }

    /** The current password, whenever the sign-in was (changing the password always asks for it). */
    void confirmPassword(Actor actor, String currentPassword) {
        AccountRepository.Stored account = stored(actor);
        if (account.passwordHash() == null) {
            throw required("problem.reauthentication.provider");
        }
        SignInBackoff.Turn turn = backoff.take(account.email());
        if (!passwords.verify(currentPassword, account.passwordHash())) {
            transactions.executeWrite(s -> {
                if (backoff.failed(turn)) {
                    owners.tellOwnerOfFailures(account.email(), turn.failures());
                }
                return null;
            });
            throw required("problem.reauthentication.wrong_password");
        }
        backoff.succeeded(turn);
    }

    private boolean signedInRecently() {
        if (settings.reauthWindow().isZero()) {
            return false;
        }
        Instant now = clock.instant();
        return security.getAuthentication()
                .map(person -> person.getAttributes().get(TokenAuthentication.AUTH_TIME))
                .filter(Instant.class::isInstance)
                .map(Instant.class::cast)
                .filter(at -> !at.isBefore(now.minus(settings.reauthWindow())) && !at.isAfter(now.plus(CLOCK_SKEW)))
                .isPresent();
    }

    private AccountRepository.Stored stored(Actor actor) {
        return transactions.executeRead(s -> accounts.byId(actor.accountId()))
                .orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED, "This account no longer exists."));
    }

    private ProblemException required(String key) {
        return new ProblemException(ProblemType.REAUTHENTICATION_REQUIRED,
                Messages.problem(key, Map.of("minutes", Math.max(1, settings.reauthWindow().toMinutes()))));
    }
}
