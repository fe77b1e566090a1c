package io.curbside.api.accounts;

/**
 * Mail to the owner of an account (a password reset code, a code that proves an address, a notice
 * of a sign-up or a change of address with theirs). Declared here, delivered by the notification
 * outbox, which this package must not use.
 */
public interface AccountMail {

    /** Queues a plain-text mail in the caller's transaction; false, queuing nothing, when e-mail is switched off. */
    boolean send(String address, String subject, String text);
}
