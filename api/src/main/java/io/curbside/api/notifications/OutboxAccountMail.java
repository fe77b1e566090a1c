package io.curbside.api.notifications;

import io.curbside.api.accounts.AccountMail;
import jakarta.inject.Singleton;

/** Mail to account owners goes through the outbox like every other mail: sent once its transaction commits. */
@Singleton
class OutboxAccountMail implements AccountMail {

    private final Outbox outbox;

    OutboxAccountMail(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public boolean send(String address, String subject, String text) {
        return outbox.enqueueEmail(address, subject, text);
    }
}
