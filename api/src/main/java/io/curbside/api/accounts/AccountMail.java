package io.curbside.api.accounts;

import io.curbside.api.i18n.Letter;

/**
 * Mail to the owner of an account (a password reset code, a code that proves an address, a notice
 * of a sign-up or a change of address with theirs). Declared here, delivered by the notification
 * outbox, which this package must not use.
 */
public interface AccountMail {

    /** Queues the mail (text and HTML) in the caller's transaction; false, queuing nothing, when e-mail is switched off. */
    boolean send(String address, Letter letter);
}
