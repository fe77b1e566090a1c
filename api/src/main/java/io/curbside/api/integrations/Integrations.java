package io.curbside.api.integrations;

import io.curbside.api.accounts.Actor;
import io.curbside.api.accounts.AuditTrail;
import io.curbside.api.notifications.WebhookSubscription;
import io.curbside.api.notifications.WebhookSubscriptions;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.ratelimits.ApiKey;
import io.curbside.api.ratelimits.ApiKeys;
import io.curbside.api.ratelimits.IssuedApiKey;
import io.curbside.contract.model.ApiKeyInfo;
import io.curbside.contract.model.CreatedWebhook;
import io.curbside.contract.model.Webhook;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What admins do for machine clients: API keys and webhook subscriptions, each action in one
 * transaction with its audit-log entry (the services join the transaction opened here).
 */
@Singleton
class Integrations {

    private final ApiKeys keys;
    private final WebhookSubscriptions webhooks;
    private final AuditTrail audit;
    private final TransactionOperations<Connection> transactions;

    Integrations(ApiKeys keys, WebhookSubscriptions webhooks, AuditTrail audit,
                 TransactionOperations<Connection> transactions) {
        this.keys = keys;
        this.webhooks = webhooks;
        this.audit = audit;
        this.transactions = transactions;
    }

    io.curbside.contract.model.IssuedApiKey issueKey(Actor admin, String name, Integer perMinute) {
        IssuedApiKey issued = transactions.executeWrite(s -> {
            IssuedApiKey made = keys.issue(name, perMinute, admin.accountId().toString());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("prefix", made.key().prefix());
            details.put("name", made.key().name());
            details.put("per_minute", made.key().perMinute());
            audit.record(admin.accountId(), "api_key.issue", String.valueOf(made.key().id()), details);
            return made;
        });
        return new io.curbside.contract.model.IssuedApiKey(issued.secret(), info(issued.key()));
    }

    List<ApiKeyInfo> keys() {
        return keys.list().stream().map(Integrations::info).toList();
    }

    ApiKeyInfo revokeKey(Actor admin, long id) {
        return info(transactions.executeWrite(s -> {
            ApiKey revoked = keys.revoke(id)
                    .orElseThrow(() -> ProblemException.notFound("There is no API key " + id + "."));
            audit.record(admin.accountId(), "api_key.revoke", String.valueOf(id), Map.of("prefix", revoked.prefix()));
            return revoked;
        }));
    }

    CreatedWebhook createWebhook(Actor admin, String url, List<String> services, List<String> departments) {
        WebhookSubscriptions.Created created = transactions.executeWrite(s -> {
            WebhookSubscriptions.Created made = webhooks.create(url,
                    new WebhookSubscriptions.Filters(services, departments), admin.accountId().toString());
            audit.record(admin.accountId(), "webhook.create", String.valueOf(made.subscription().id()),
                    Map.of("url", made.subscription().url().toString(), "service_codes",
                            made.subscription().serviceCodes(), "department_codes", made.subscription().departmentCodes()));
            return made;
        });
        return new CreatedWebhook(created.secret(), webhook(created.subscription()));
    }

    List<Webhook> webhooks() {
        return webhooks.list().stream().map(Integrations::webhook).toList();
    }

    Webhook endWebhook(Actor admin, long id) {
        return webhook(transactions.executeWrite(s -> {
            WebhookSubscription ended = webhooks.deactivate(id);
            audit.record(admin.accountId(), "webhook.end", String.valueOf(id), Map.of("url", ended.url().toString()));
            return ended;
        }));
    }

    private static ApiKeyInfo info(ApiKey key) {
        ApiKeyInfo info = new ApiKeyInfo(key.id(), key.prefix(), key.name(), utc(key.createdAt()));
        info.setPerMinute(key.perMinute());
        info.setCreatedBy(key.createdBy());
        info.setRevokedAt(utc(key.revokedAt()));
        info.setLastUsedAt(utc(key.lastUsedAt()));
        return info;
    }

    private static Webhook webhook(WebhookSubscription w) {
        Webhook webhook = new Webhook(w.id(), w.url().toString(), w.serviceCodes(), w.departmentCodes(), w.active(),
                utc(w.createdAt()));
        webhook.setCreatedBy(w.createdBy());
        webhook.setDeactivatedAt(utc(w.deactivatedAt()));
        webhook.setDeactivatedWhy(w.deactivatedWhy() == null ? null
                : io.curbside.contract.model.WebhookDeactivatedWhy.fromValue(w.deactivatedWhy()));
        return webhook;
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant == null ? null : instant.atZone(ZoneOffset.UTC);
    }
}
