package io.curbside.api.accounts;

import io.curbside.api.opendata.Publisher;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.contract.model.Account;
import io.curbside.contract.model.RoleName;
import io.curbside.contract.model.Session;
import io.curbside.contract.model.SessionTokenType;
import io.curbside.contract.model.Violation;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Signing up, in and out: passwords checked against their Argon2id hashes, access tokens made
 * from the roles stored at that moment, refresh tokens rotated on every use and revoked by
 * sign-in ("family", the session id of its access tokens) when one is used twice.
 */
@Singleton
public class AccountService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+$");
    private static final int MIN_PASSWORD = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountRepository accounts;
    private final PasswordHasher passwords;
    private final AccessTokens tokens;
    private final TokenSettings settings;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final OwnerMail owners;
    private final Reauthentication reauthentication;
    private final SignInBackoff backoff;
    private final Publisher publisher;

    AccountService(AccountRepository accounts, PasswordHasher passwords, AccessTokens tokens, TokenSettings settings,
                   TransactionOperations<Connection> transactions, Clock clock, OwnerMail owners,
                   Reauthentication reauthentication, SignInBackoff backoff, Publisher publisher) {
        this.publisher = publisher;
        this.owners = owners;
        this.reauthentication = reauthentication;
        this.backoff = backoff;
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Makes the account, or, when the address has one, tells its owner instead: either way the
     * caller learns nothing, and the password is hashed either way, so both take as long. The
     * language (null when the sign-up asked for none) is the one the account's mail is written in.
     */
    public void register(String email, String password, String displayName, String language) {
        String address = checkedEmail(email);
        checkNewPassword("password", password);
        String name = displayName == null || displayName.isBlank() ? null : checkedDisplayName(displayName.strip());
        String hash = passwords.hash(password);
        transactions.executeWrite(s -> {
            accounts.insert(address, hash, name, language).ifPresentOrElse(id -> owners.welcome(id, address, name, language),
                    () -> owners.tellOwnerOfSignUp(address, language));
            return null;
        });
    }

    /**
     * Creates the account if no account has the e-mail yet; false when one already had it. Its
     * address counts as proved: the city's configuration gave it (the first admin, demo people).
     */
    public boolean ensure(String email, String password, String displayName, List<AccountRepository.Grant> grants) {
        String address = checkedEmail(email);
        String hash = passwords.hash(password);
        return transactions.executeWrite(s -> accounts.insert(address, hash, displayName, null).map(id -> {
            accounts.replaceGrants(id, grants, null);
            accounts.markVerified(id, address);
            return true;
        }).orElse(false));
    }

    /** Signs in, after the address's back-off ({@link SignInBackoff}) lets the attempt be checked. */
    public Session login(String email, String password) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        SignInBackoff.Turn turn = backoff.take(address);
        Optional<AccountRepository.Stored> account = transactions.executeRead(s -> accounts.byEmail(address));
        // Verified even without an account, so a wrong address takes as long as a wrong password.
        boolean right = passwords.verify(password, account.map(AccountRepository.Stored::passwordHash).orElse(null));
        if (account.isEmpty() || !right) {
            transactions.executeWrite(s -> {
                if (backoff.failed(turn)) {
                    owners.tellOwnerOfFailures(address, turn.failures());
                }
                return null;
            });
            throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "The e-mail address or the password is not right.");
        }
        backoff.succeeded(turn);
        return transactions.executeWrite(s -> signIn(account.get().id()));
    }

    public Session refresh(String refreshToken) {
        Instant now = clock.instant();
        // The revocation below must commit even though the answer is a 401: no exception inside.
        Optional<Session> session = transactions.executeWrite(s -> {
            byte[] hash = hash(refreshToken);
            // One refresh of a sign-in at a time: its owner's refresh and a retry of a lost answer
            // (or a thief's copy) must see each other's writes, or one sign-in could keep two live tokens.
            // The sign-in's row is locked first, as signing out and a new password lock it, so a
            // refresh racing those either ends before them (its new token revoked with the rest) or
            // finds the sign-in ended, refused as a spent token is.
            if (!accounts.lockFamilyOf(hash)) {
                return Optional.empty();
            }
            Optional<AccountRepository.RefreshToken> used = accounts.useRefreshToken(hash, now);
            if (used.isPresent() && !used.get().usable()) {
                Optional<AccountRepository.RefreshToken> retried = accounts.lostAnswer(hash,
                        now.minus(settings.refreshGrace()), now);
                if (retried.isPresent()) {
                    // The answer to its use was lost (a phone out of coverage): swap again, and the
                    // token that answer carried dies unused. A thief who tries this inside the grace
                    // only wins until the owner's next refresh, which then ends the whole sign-in.
                    // Once only: the retried token is revoked too, so it cannot be replayed again.
                    accounts.revokeUnused(retried.get().family());
                    accounts.revoke(hash);
                    return Optional.of(newSession(retried.get().account(), retried.get().family(),
                            accounts.authenticatedAt(retried.get().family()).orElse(null)));
                }
                // Presented after its one use (or revoked or expired): if copied, the copy dies with the original.
                accounts.revokeFamily(used.get().family());
                return Optional.empty();
            }
            // The sign-in's auth_time goes on unchanged: refreshing is not typing the password.
            return used.filter(token -> accounts.byId(token.account()).isPresent())
                    .map(token -> newSession(token.account(), token.family(),
                            accounts.authenticatedAt(token.family()).orElse(null)));
        });
        return session.orElseThrow(AccountService::badRefreshToken);
    }

    public void logout(String refreshToken) {
        transactions.executeWrite(s -> {
            // Locked in the order a refresh locks, so the two take turns.
            accounts.lockFamilyOf(hash(refreshToken));
            accounts.useRefreshToken(hash(refreshToken), clock.instant())
                    .ifPresent(token -> accounts.revokeFamily(token.family()));
            return null;
        });
    }

    public Session changePassword(Actor actor, String current, String next) {
        AccountRepository.Stored account = transactions.executeRead(s -> accounts.byId(actor.accountId()))
                .orElseThrow(AccountService::gone);
        if (account.passwordHash() == null) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "This account signs in through the city's identity provider; change the password there.");
        }
        reauthentication.confirmPassword(actor, current);
        checkNewPassword("new_password", next);
        String hash = passwords.hash(next);
        return transactions.executeWrite(s -> {
            accounts.setPassword(account.id(), hash);
            // Every sign-in ends, this one too (its tokens stop at once on re-reading routes): the
            // answer is a new one, made with the password just checked.
            accounts.revokeAll(account.id());
            return signIn(account.id());
        });
    }

    /** Erases the account, with its current password (null: not sent) or a sign-in a moment ago. */
    public void delete(Actor actor, String currentPassword) {
        reauthentication.confirm(actor, currentPassword);
        transactions.executeWrite(s -> {
            accounts.erase(actor.accountId());
            publisher.publishDue();
            return null;
        });
    }

    /** The caller's account, with the roles their token gives them now (an identity provider's map to no stored grant). */
    public Account describe(Actor actor) {
        AccountRepository.Stored account = transactions.executeRead(s -> accounts.byId(actor.accountId()))
                .orElseThrow(AccountService::gone);
        return view(account, actor);
    }

    /**
     * An account of Curbside's own as stored now, with its roles, in one read; 401 when it was
     * deleted or the token's sign-in has ended (signed out, password changed or reset).
     */
    Actor stored(UUID id, UUID session) {
        AccountRepository.Current now = transactions.executeRead(s -> accounts.current(id, session))
                .orElseThrow(AccountService::gone);
        if (!now.signedIn()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "This sign-in has ended (signed out, or the password changed). Sign in again.");
        }
        return actorOf(id, now.grants());
    }

    static Account account(AccountRepository.Stored stored, List<AccountRepository.Grant> grants) {
        return view(stored, actorOf(stored.id(), grants));
    }

    private static Account view(AccountRepository.Stored stored, Actor actor) {
        List<RoleName> roles = new ArrayList<>();
        for (Role role : actor.roles()) {
            roles.add(RoleName.fromValue(role.wire()));
        }
        return new Account(stored.id(), roles, List.copyOf(actor.departments()),
                stored.createdAt().atZone(ZoneOffset.UTC))
                .email(stored.email())
                .displayName(stored.displayName())
                .emailVerified(stored.emailVerified());
    }

    /** A new sign-in, the password checked just now: its family of refresh tokens is its session id. */
    private Session signIn(UUID account) {
        UUID session = UUID.randomUUID();
        Instant now = clock.instant();
        accounts.startSession(session, account, now);
        return newSession(account, session, now);
    }

    private Session newSession(UUID account, UUID family, Instant authenticatedAt) {
        AccountRepository.Stored stored = accounts.byId(account).orElseThrow(AccountService::gone);
        List<AccountRepository.Grant> grants = accounts.grants(account);
        String refresh = randomToken();
        accounts.storeRefreshToken(hash(refresh), account, family, clock.instant().plus(settings.refreshTtl()));
        return new Session(tokens.issue(actorOf(account, grants), family, authenticatedAt), SessionTokenType.BEARER,
                (int) tokens.lifetimeSeconds(), refresh, account(stored, grants));
    }

    private static Actor actorOf(UUID account, List<AccountRepository.Grant> grants) {
        Set<Role> roles = EnumSet.of(Role.RESIDENT);
        Set<String> departments = new LinkedHashSet<>();
        for (AccountRepository.Grant grant : grants) {
            roles.add(grant.role());
            if (grant.department() != null) {
                departments.add(grant.department());
            }
        }
        return new Actor(account, roles, departments);
    }

    static String checkedEmail(String email) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw new ProblemException(ProblemType.INVALID_FIELDS, "The e-mail address is not one mail can be sent to.",
                    List.of(new Violation("email", "is not an e-mail address")));
        }
        return address;
    }

    /**
     * A display name is one line of words: it opens the account's mail, where a line break could
     * start a paragraph of someone else's choosing (in the mail a stranger's sign-up sends an address).
     */
    private static String checkedDisplayName(String name) {
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            throw new ProblemException(ProblemType.INVALID_FIELDS, "A display name cannot hold line breaks or control characters.",
                    List.of(new Violation("display_name", "holds line breaks or control characters")));
        }
        return name;
    }

    static void checkNewPassword(String field, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            throw new ProblemException(ProblemType.INVALID_FIELDS, "A password needs at least " + MIN_PASSWORD
                    + " characters.", List.of(new Violation(field, "is shorter than " + MIN_PASSWORD + " characters")));
        }
        if (password.isBlank() || password.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new ProblemException(ProblemType.INVALID_FIELDS, "A password cannot be blank or hold control characters.",
                    List.of(new Violation(field, "holds control characters or only spaces")));
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((token == null ? "" : token.strip())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static ProblemException badRefreshToken() {
        return new ProblemException(ProblemType.INVALID_CREDENTIALS,
                "This refresh token is not valid (used, revoked or expired). Sign in again.");
    }

    private static ProblemException gone() {
        return new ProblemException(ProblemType.UNAUTHORIZED, "This account no longer exists.");
    }
}
