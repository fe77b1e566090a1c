package io.curbside.api.notifications;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.contract.model.Violation;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.net.URI;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Webhook subscriptions of apps and partner systems: made, listed and ended here, delivered
 * by {@link OutboxWorker}. Every public event of a matching request reaches an active one.
 */
@Singleton
public class WebhookSubscriptions {

    static final String DEACTIVATED = "deactivated";
    static final String GONE = "gone";

    private final SubscriptionRepository subscriptions;
    private final OutboxRepository outbox;
    private final WebhookTargets targets;
    private final SecretSeal seal;
    private final CatalogService catalog;
    private final TransactionOperations<Connection> transactions;

    WebhookSubscriptions(SubscriptionRepository subscriptions, OutboxRepository outbox, WebhookTargets targets,
                         SecretSeal seal, CatalogService catalog, TransactionOperations<Connection> transactions) {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.targets = targets;
        this.seal = seal;
        this.catalog = catalog;
        this.transactions = transactions;
    }

    /** Which requests a subscription hears of: both lists must match, an empty list matches all. */
    public record Filters(List<String> serviceCodes, List<String> departmentCodes) {

        public Filters {
            serviceCodes = serviceCodes == null ? List.of() : List.copyOf(new LinkedHashSet<>(serviceCodes));
            departmentCodes = departmentCodes == null ? List.of() : List.copyOf(new LinkedHashSet<>(departmentCodes));
        }

        /** Every request. */
        public static Filters all() {
            return new Filters(List.of(), List.of());
        }
    }

    /**
     * A new subscription and its signing secret ({@code whsec_<base64>}, the Standard Webhooks
     * form): the only time the secret is shown. Curbside keeps it to sign with, but never shows it again.
     */
    public record Created(WebhookSubscription subscription, String secret) {

        @Override
        public String toString() {
            return "Created[" + subscription + "]";
        }
    }

    /**
     * Subscribes {@code url} to the public events of the requests the filters match. A URL that
     * is not https (unless allowed), or that reaches a private address, or an unknown code, is
     * a 422 problem naming the field.
     */
    public Created create(String url, Filters filters, String createdBy) {
        URI target = targets.check(url);
        Filters checked = filters == null ? Filters.all() : filters;
        checkCodes(checked);
        byte[] secret = WebhookSignature.newSecret();
        byte[] stored = seal.seal(secret);
        WebhookSubscription made = transactions.executeWrite(s -> subscriptions.insert(target, stored, seal.seals(),
                checked.serviceCodes(), checked.departmentCodes(), createdBy));
        return new Created(made, WebhookSignature.show(secret));
    }

    /** Every subscription, active or ended, oldest first. */
    public List<WebhookSubscription> list() {
        return transactions.executeRead(s -> subscriptions.list());
    }

    /**
     * Ends a subscription: no new event reaches it and its undelivered messages are given up.
     * Ending an ended one changes nothing; an unknown id is a 404 problem.
     */
    public WebhookSubscription deactivate(long id) {
        return transactions.executeWrite(s -> {
            end(id, DEACTIVATED);
            return subscriptions.find(id)
                    .orElseThrow(() -> ProblemException.notFound("There is no webhook subscription " + id + "."));
        });
    }

    /** Ends it within the caller's transaction, saying why. */
    void end(long id, String why) {
        if (subscriptions.deactivate(id, why)) {
            outbox.giveUpSubscription(id, "subscription " + why);
        }
    }

    private void checkCodes(Filters filters) {
        Catalog current = catalog.view(null, null).catalog();
        Set<String> services = current.services().stream().map(Catalog.Service::code).collect(Collectors.toSet());
        Set<String> departments = current.departments().stream().map(Catalog.Department::code).collect(Collectors.toSet());
        List<Violation> violations = new ArrayList<>();
        unknown(filters.serviceCodes(), services, "service_codes", "is not a service of the catalog", violations);
        unknown(filters.departmentCodes(), departments, "department_codes", "is not a department of the catalog",
                violations);
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_FIELDS, "The filters name codes the catalog does not have.",
                    violations);
        }
    }

    private static void unknown(List<String> codes, Set<String> known, String field, String message,
                                List<Violation> violations) {
        for (int i = 0; i < codes.size(); i++) {
            if (!known.contains(codes.get(i))) {
                violations.add(new Violation(field + "[" + i + "]", message));
            }
        }
    }
}
