package io.curbside.api.accounts;

import io.curbside.api.support.PageCursor;
import io.curbside.contract.model.AuditEntry;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every admin action, appended in the transaction that makes it (so no action goes unlogged
 * and no log line claims an action that rolled back). The table refuses updates and deletes.
 */
@Singleton
public class AuditTrail {

    private final AuditRepository repository;

    AuditTrail(AuditRepository repository) {
        this.repository = repository;
    }

    /** Records an action; call inside the action's own transaction. */
    public void record(UUID actor, String action, String target, Map<String, ?> details) {
        repository.record(actor, action, target, details);
    }

    /** At most {@code count} entries after the cursor's, oldest first. */
    List<AuditEntry> page(PageCursor after, int count) {
        return repository.page(after, count);
    }
}
