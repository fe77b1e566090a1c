package io.curbside.api.accounts;

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
                    .ifPresent(account -> mailCode(account, language));
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
            Map<String, Object> values = Map.of("city", cityName(language));
            if (send(account.email(), language, "account_mail.sign_up.subject", "account_mail.sign_up.text", values)) {
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
            String language = Translations.FALLBACK;
            send(account.email(), language, "account_mail.sign_in_failures.subject", "account_mail.sign_in_failures.text",
                    Map.of("city", cityName(language), "failures", failures));
        });
    }

    /** Welcomes a new account; call inside the sign-up's transaction. */
    void welcome(String address, String language) {
        send(address, language, "account_mail.welcome.subject", "account_mail.welcome.text",
                Map.of("city", cityName(language)));
    }

    private void mailCode(AccountRepository.Stored account, String language) {
        String token = AccountService.randomToken();
        Map<String, Object> values = Map.of("city", cityName(language), "code", settings.carrying(token),
                "minutes", settings.tokenTtl().toMinutes());
        if (send(account.email(), language, "account_mail.reset.subject", "account_mail.reset.text", values)) {
            mails.record(account.id(), AccountMailRepository.Kind.PASSWORD_RESET, AccountService.hash(token),
                    clock.instant().plus(settings.tokenTtl()));
        }
    }

    /** Per account, and so per address: a flood of requests cannot fill the owner's inbox. */
    private boolean mayMail(AccountRepository.Stored account) {
        return mails.sentSince(account.id(), clock.instant().minus(THROTTLE_WINDOW)) < settings.mailsPerHour();
    }

    private boolean send(String address, String language, String subjectKey, String textKey, Map<String, Object> values) {
        Messages messages = Messages.classpath();
        try {
            return mail.send(address, messages.say(language, subjectKey, values), messages.say(language, textKey, values));
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
