package io.curbside.api.accounts;

import io.curbside.api.i18n.Letter;
import io.curbside.api.i18n.Messages;
import io.curbside.api.i18n.Translations;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Mail to the owner of an address: a welcome on sign-up (with a code that proves the address), a
 * notice when someone signs up with an address that has an account, and password reset by e-mail:
 * a single-use code, mailed to the address of an account that has a password, kept only as its
 * hash, good for {@link PasswordResetSettings#tokenTtl()}. Asking says nothing of whether the
 * address has an account; using the code ends every sign-in of the account, and proves the address.
 *
 * <p>This mail about the account itself goes to an address not proved yet too: the reset code
 * because the one asking is the inbox's owner or nobody (only the inbox reads it), the notices
 * because they are what tells a stranger's inbox that someone used it. It is capped per account
 * ({@link PasswordResetSettings#mailsPerHour()}). News of followed requests waits for a proved
 * address ({@code following.FollowerMail}).
 */
@Singleton
class OwnerMail {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerMail.class);
    private static final Duration THROTTLE_WINDOW = Duration.ofHours(1);

    private final AccountRepository accounts;
    private final AccountMailRepository mails;
    private final PasswordHasher passwords;
    private final AccountMail mail;
    private final CityName city;
    private final PasswordResetSettings settings;
    private final EmailVerificationSettings verification;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final SignInBackoff backoff;

    OwnerMail(AccountRepository accounts, AccountMailRepository mails, PasswordHasher passwords, AccountMail mail,
              CityName city, PasswordResetSettings settings, EmailVerificationSettings verification,
              TransactionOperations<Connection> transactions, Clock clock, SignInBackoff backoff) {
        this.backoff = backoff;
        this.verification = verification;
        this.accounts = accounts;
        this.mails = mails;
        this.passwords = passwords;
        this.mail = mail;
        this.city = city;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Mails a reset code when the address has an account with a password that has not had its
     * share of mail this hour; otherwise does nothing, and the caller answers the same either way.
     */
    void request(String email, String language) {
        String address = AccountService.checkedEmail(email);
        transactions.executeWrite(s -> {
            accounts.byEmail(address)
                    .filter(account -> account.passwordHash() != null)
                    .filter(account -> mayMail(account.id()))
                    .ifPresent(account -> mailCode(account, languageOf(account, language)));
            return null;
        });
    }

    /**
     * Sets the password with a mailed code, uses up the account's codes and ends its every sign-in.
     * The code came to the account's inbox, so the address is proved too, and the address's run
     * of failed sign-ins ({@link SignInBackoff}) is over. A code mailed to an address the account
     * has since moved from is refused: that inbox is no longer the owner's.
     */
    void confirm(String token, String newPassword) {
        AccountService.checkNewPassword("new_password", newPassword);
        String hash = passwords.hash(newPassword);
        Instant now = clock.instant();
        transactions.executeWrite(s -> {
            AccountMailRepository.MailedCode code = mails.use(AccountMailRepository.Kind.PASSWORD_RESET,
                            AccountService.hash(token), now)
                    .orElseThrow(() -> invalid("problem.reset_code.unknown"));
            if (code.used()) {
                throw invalid("problem.reset_code.used");
            }
            if (code.expired()) {
                throw invalid("problem.reset_code.expired");
            }
            AccountRepository.Stored account = accounts.lock(code.account())
                    .filter(a -> a.passwordHash() != null)
                    .filter(a -> code.address() == null || code.address().equals(a.email()))
                    .orElseThrow(() -> invalid("problem.reset_code.unknown"));
            accounts.setPassword(account.id(), hash);
            if (code.address() != null) {
                accounts.markVerified(account.id(), code.address());
            }
            mails.retireCodes(account.id(), now);
            accounts.revokeAll(account.id());
            backoff.forget(account.email());
            return null;
        });
    }

    /**
     * Tells the owner of an address that someone tried to sign up with it, instead of telling the
     * one who tried that the address has an account. Call inside the sign-up's transaction.
     */
    void tellOwnerOfSignUp(String address, String language) {
        accounts.byEmail(address).filter(account -> mayMail(account.id())).ifPresent(account -> {
            String in = languageOf(account, language);
            Letter letter = greeted(in, account.displayName())
                    .subject("account_mail.sign_up.subject", Map.of("city", cityName(in)))
                    .say("account_mail.sign_up.text", Map.of("city", cityName(in))).write();
            if (send(account.email(), letter)) {
                mails.record(account.id(), AccountMailRepository.Kind.SIGN_UP_ATTEMPT, null, null, null);
            }
        });
    }

    /**
     * Tells the owner of an address, if it has an account, that many sign-ins with it failed in a
     * row; call inside the transaction that marked them told. An address without one mails nobody.
     */
    void tellOwnerOfFailures(String address, int failures) {
        accounts.byEmail(address).ifPresent(account -> {
            String in = languageOf(account, Translations.FALLBACK);
            Map<String, Object> values = Map.of("city", cityName(in), "failures", failures);
            send(account.email(), greeted(in, account.displayName())
                    .subject("account_mail.sign_in_failures.subject", values)
                    .say("account_mail.sign_in_failures.text", values).write());
        });
    }

    /**
     * Welcomes a new account in its language (English when it has none), with a code that proves its
     * address; call inside the sign-up's transaction.
     */
    void welcome(UUID account, String address, String displayName, String language) {
        String in = language == null ? Translations.FALLBACK : language;
        mailVerificationCode(account, address, displayName, in, "account_mail.welcome.subject", "account_mail.welcome.text");
    }

    /**
     * Mails a code that proves the address (the account's, or the one it asks to move to), good once
     * for {@link EmailVerificationSettings#ttl()}. A hashed random code in account_mail rather than a
     * signed token: it is single-use, dies with the account or a move to another address, and needs no
     * key to keep secret. Call inside a transaction, after {@link #mayMail}.
     */
    void mailVerification(AccountRepository.Stored account, String address, String language) {
        mailVerificationCode(account.id(), address, account.displayName(), languageOf(account, language),
                "account_mail.verify.subject", "account_mail.verify.text");
    }

    /**
     * Counts, as {@link #mailVerification} would, a code mailed to no one: where a move to a taken
     * address must cost the account what a move to a free one does, so no throttle tells them apart.
     */
    void recordUnmailedCode(UUID account, String address) {
        mails.record(account, AccountMailRepository.Kind.EMAIL_VERIFICATION,
                AccountService.hash(AccountService.randomToken()), clock.instant().plus(verification.ttl()), address);
    }

    /** Tells an account's address that its owner asked to move the account to another; false when e-mail is off. */
    boolean tellOfMove(AccountRepository.Stored account, String newAddress, String language) {
        String in = languageOf(account, language);
        Map<String, Object> values = Map.of("city", cityName(in), "address", newAddress);
        return send(account.email(), greeted(in, account.displayName()).subject("account_mail.email_change.subject", values)
                .say("account_mail.email_change.text", values).write());
    }

    /** Tells the owner of an address that another account tried to move to it (within their own mail budget). */
    void tellOwnerOfMove(AccountRepository.Stored owner, String language) {
        String in = languageOf(owner, language);
        Map<String, Object> values = Map.of("city", cityName(in));
        if (mayMail(owner.id()) && send(owner.email(), greeted(in, owner.displayName())
                .subject("account_mail.email_taken.subject", values).say("account_mail.email_taken.text", values).write())) {
            mails.record(owner.id(), AccountMailRepository.Kind.EMAIL_TAKEN, null, null, null);
        }
    }

    private void mailVerificationCode(UUID account, String address, String displayName, String language,
                                      String subjectKey, String textKey) {
        String token = AccountService.randomToken();
        Map<String, Object> values = Map.of("city", cityName(language), "code", verification.carrying(token),
                "days", verification.ttl().toDays());
        Letter letter = greeted(language, displayName).subject(subjectKey, values).say(textKey, values).write();
        if (send(address, letter)) {
            mails.record(account, AccountMailRepository.Kind.EMAIL_VERIFICATION, AccountService.hash(token),
                    clock.instant().plus(verification.ttl()), address);
        }
    }

    private void mailCode(AccountRepository.Stored account, String language) {
        String token = AccountService.randomToken();
        Map<String, Object> values = Map.of("city", cityName(language), "code", settings.carrying(token),
                "minutes", settings.tokenTtl().toMinutes());
        Letter letter = greeted(language, account.displayName()).subject("account_mail.reset.subject", values)
                .say("account_mail.reset.text", values).write();
        if (send(account.email(), letter)) {
            mails.record(account.id(), AccountMailRepository.Kind.PASSWORD_RESET, AccountService.hash(token),
                    clock.instant().plus(settings.tokenTtl()), account.email());
        }
    }

    /** The account's own language; else, when its sign-up asked for none, the one of the request causing the mail. */
    private static String languageOf(AccountRepository.Stored account, String requested) {
        if (account.language() != null) {
            return account.language();
        }
        return requested != null ? requested : Translations.FALLBACK;
    }

    /** A letter that opens with the owner's name, when they gave one. */
    private static Letter.Writer greeted(String language, String displayName) {
        Letter.Writer letter = Letter.in(language);
        return displayName == null || displayName.isBlank() ? letter
                : letter.say("account_mail.greeting", Map.of("name", displayName.strip()));
    }

    /** Per account, and so per address: a flood of requests cannot fill the owner's inbox. */
    boolean mayMail(UUID account) {
        return mails.sentSince(account, clock.instant().minus(THROTTLE_WINDOW)) < settings.mailsPerHour();
    }

    /** Seconds until the account may be mailed again, at the earliest: the window of the throttle. */
    static int throttleSeconds() {
        return (int) THROTTLE_WINDOW.toSeconds();
    }

    private boolean send(String address, Letter letter) {
        try {
            return mail.send(address, letter);
        } catch (IllegalArgumentException e) {
            // An address sign-up took but the mail library does not: nothing to send, and nothing to tell the caller.
            LOG.warn("Not mailing an account owner: {}", e.getMessage());
            return false;
        }
    }

    private String cityName(String language) {
        Optional<String> name = city.in(language);
        return name.orElseGet(() -> Messages.classpath().say(language, "account_mail.city_unknown", Map.of()));
    }

    private static ProblemException invalid(String key) {
        return new ProblemException(ProblemType.INVALID_RESET_CODE, Messages.english(key, Map.of()));
    }
}
