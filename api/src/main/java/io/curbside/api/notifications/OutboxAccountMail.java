package io.curbside.api.notifications;

import io.curbside.api.accounts.AccountMail;
import io.curbside.api.i18n.Letter;
import jakarta.inject.Singleton;

/** Mail to account owners goes through the outbox like every other mail: sent once its transaction commits. */
@Singleton
class OutboxAccountMail implements AccountMail {

    private final Outbox outbox;

    OutboxAccountMail(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public boolean send(String address, Letter letter) {
        return outbox.enqueueEmail(address, letter);
    }
}
