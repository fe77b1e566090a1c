package io.curbside.api.accounts;

import io.curbside.api.i18n.Messages;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Proving that an account's e-mail address is its owner's, and moving an account to another
 * address. A code mailed to an address proves that address: the account's own (welcome mail, or
 * asked again), or a new one, which becomes the account's only when its code is used. Until an
 * address is proved, its account works but is mailed no news ({@code following.FollowerMail}).
 */
@Singleton
class AddressVerification {

    private final AccountRepository accounts;
    private final AccountMailRepository mails;
    private final OwnerMail owners;
    private final PasswordHasher passwords;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    AddressVerification(AccountRepository accounts, AccountMailRepository mails, OwnerMail owners,
                        PasswordHasher passwords, TransactionOperations<Connection> transactions, Clock clock) {
        this.accounts = accounts;
        this.mails = mails;
        this.owners = owners;
        this.passwords = passwords;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Uses a mailed code: the address it was mailed to is proved, and becomes the account's if it was a new one. */
    void confirm(String token) {
        Instant now = clock.instant();
        transactions.executeWrite(s -> {
            AccountMailRepository.MailedCode code = mails.use(AccountMailRepository.Kind.EMAIL_VERIFICATION,
                    AccountService.hash(token), now).orElseThrow(() -> invalid("problem.verification_code.unknown"));
            if (code.used()) {
                throw invalid("problem.verification_code.used");
            }
            if (code.expired()) {
                throw invalid("problem.verification_code.expired");
            }
            AccountRepository.Stored account = accounts.lock(code.account())
                    .orElseThrow(() -> invalid("problem.verification_code.unknown"));
            if (code.address().equals(account.email())) {
                accounts.markVerified(account.id(), code.address());
            } else if (accounts.moveTo(account.id(), code.address())) {
                // Codes mailed to the old address, reset codes included, prove nothing about the new one.
                mails.retireCodes(account.id(), now);
            } else {
                throw invalid("problem.verification_code.taken");
            }
            return null;
        });
    }

    /** Mails the account's address a new code; false, sending nothing, when there is nothing to prove. */
    boolean resend(Actor actor, String language) {
        return transactions.executeWrite(s -> {
            AccountRepository.Stored account = accounts.lock(actor.accountId()).orElseThrow(AddressVerification::gone);
            if (account.email() == null || account.emailVerified()) {
                return false;
            }
            throttle(account);
            owners.mailVerification(account.id(), account.email(), language);
            return true;
        });
    }

    /**
     * Mails a code to the new address, and a notice to the current one; the account moves when the
     * code is used. When another account has the new address, its owner is told instead, and the
     * caller cannot tell: the same answer, the same mail to the current address, the same count
     * against the account's mail of the hour.
     */
    void change(Actor actor, String email, String currentPassword, String language) {
        String address = AccountService.checkedEmail(email);
        AccountRepository.Stored account = transactions.executeRead(s -> accounts.byId(actor.accountId()))
                .orElseThrow(AddressVerification::gone);
        if (account.passwordHash() == null) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "This account signs in through the city's identity provider; change its address there.");
        }
        // The current password, checked here until re-authentication has one helper for every sensitive route.
        if (!passwords.verify(currentPassword, account.passwordHash())) {
            throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "The current password is not right.");
        }
        transactions.executeWrite(s -> {
            // Locked, so two changes at once count against the hour's mail one after the other.
            AccountRepository.Stored locked = accounts.lock(account.id()).orElseThrow(AddressVerification::gone);
            throttle(locked);
            if (address.equals(locked.email())) {
                if (!locked.emailVerified()) {
                    owners.mailVerification(locked.id(), address, language);
                }
                return null;
            }
            boolean mailed = owners.tellOfMove(locked.email(), address, language);
            Optional<AccountRepository.Stored> owner = accounts.byEmail(address);
            if (owner.isEmpty()) {
                owners.mailVerification(locked.id(), address, language);
            } else if (mailed) {
                owners.recordUnmailedCode(locked.id(), address);
                owners.tellOwnerOfMove(owner.get(), language);
            }
            return null;
        });
    }

    private void throttle(AccountRepository.Stored account) {
        if (!owners.mayMail(account.id())) {
            throw new ProblemException(ProblemType.RATE_LIMITED,
                    Messages.problem("problem.account_mail.throttled", Map.of()))
                    .retryAfter(OwnerMail.throttleSeconds());
        }
    }

    private static ProblemException invalid(String key) {
        return new ProblemException(ProblemType.INVALID_VERIFICATION_CODE, Messages.problem(key, Map.of()));
    }

    private static ProblemException gone() {
        return new ProblemException(ProblemType.UNAUTHORIZED, "This account no longer exists.");
    }
}
