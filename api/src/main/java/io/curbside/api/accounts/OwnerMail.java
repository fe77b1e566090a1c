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

/**
 * Mail to the owner of an address: a welcome on sign-up, a notice when someone signs up with an
 * address that has an account, and password reset by e-mail: a single-use code, mailed to the address of an account that has a
 * password, kept only as its hash, good for {@link PasswordResetSettings#tokenTtl()}. Asking says
 * nothing of whether the address has an account; using the code ends every sign-in of the account.
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
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    OwnerMail(AccountRepository accounts, AccountMailRepository mails, PasswordHasher passwords, AccountMail mail,
                  CityName city, PasswordResetSettings settings, TransactionOperations<Connection> transactions,
                  Clock clock) {
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
                    .filter(this::mayMail)
                    .ifPresent(account -> mailCode(account, languageOf(account, language)));
            return null;
        });
    }

    /** Sets the password with a mailed code, uses up the account's codes and ends its every sign-in. */
    void confirm(String token, String newPassword) {
        AccountService.checkNewPassword("new_password", newPassword);
        String hash = passwords.hash(newPassword);
        Instant now = clock.instant();
        transactions.executeWrite(s -> {
            AccountMailRepository.ResetCode code = mails.use(AccountService.hash(token), now)
                    .orElseThrow(() -> invalid("problem.reset_code.unknown"));
            if (code.used()) {
                throw invalid("problem.reset_code.used");
            }
            if (code.expired()) {
                throw invalid("problem.reset_code.expired");
            }
            AccountRepository.Stored account = accounts.lock(code.account())
                    .filter(a -> a.passwordHash() != null)
                    .orElseThrow(() -> invalid("problem.reset_code.unknown"));
            accounts.setPassword(account.id(), hash);
            mails.retireCodes(account.id(), now);
            accounts.revokeAllBut(account.id(), null);
            return null;
        });
    }

    /**
     * Tells the owner of an address that someone tried to sign up with it, instead of telling the
     * one who tried that the address has an account. Call inside the sign-up's transaction.
     */
    void tellOwnerOfSignUp(String address, String language) {
        accounts.byEmail(address).filter(this::mayMail).ifPresent(account -> {
            String in = languageOf(account, language);
            Letter letter = greeted(in, account.displayName())
                    .subject("account_mail.sign_up.subject", Map.of("city", cityName(in)))
                    .say("account_mail.sign_up.text", Map.of("city", cityName(in))).write();
            if (send(account.email(), letter)) {
                mails.record(account.id(), AccountMailRepository.Kind.SIGN_UP_ATTEMPT, null, null);
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

    /** Welcomes a new account, in its language (English when it has none); call inside the sign-up's transaction. */
    void welcome(String address, String displayName, String language) {
        String in = language == null ? Translations.FALLBACK : language;
        Map<String, Object> values = Map.of("city", cityName(in));
        send(address, greeted(in, displayName).subject("account_mail.welcome.subject", values)
                .say("account_mail.welcome.text", values).write());
    }

    private void mailCode(AccountRepository.Stored account, String language) {
        String token = AccountService.randomToken();
        Map<String, Object> values = Map.of("city", cityName(language), "code", settings.carrying(token),
                "minutes", settings.tokenTtl().toMinutes());
        Letter letter = greeted(language, account.displayName()).subject("account_mail.reset.subject", values)
                .say("account_mail.reset.text", values).write();
        if (send(account.email(), letter)) {
            mails.record(account.id(), AccountMailRepository.Kind.PASSWORD_RESET, AccountService.hash(token),
                    clock.instant().plus(settings.tokenTtl()));
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
    private boolean mayMail(AccountRepository.Stored account) {
        return mails.sentSince(account.id(), clock.instant().minus(THROTTLE_WINDOW)) < settings.mailsPerHour();
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
