package io.curbside.api.integrations;

import io.curbside.api.accounts.Actors;
import io.curbside.contract.api.IntegrationsApi;
import io.curbside.contract.model.ApiKeyInfo;
import io.curbside.contract.model.ApiKeyList;
import io.curbside.contract.model.CreatedWebhook;
import io.curbside.contract.model.IssuedApiKey;
import io.curbside.contract.model.NewApiKey;
import io.curbside.contract.model.NewWebhook;
import io.curbside.contract.model.Webhook;
import io.curbside.contract.model.WebhookList;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Admin routes for API keys and webhook subscriptions; the contract's x-roles let only admins in. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class IntegrationsController implements IntegrationsApi {

    private final Integrations integrations;
    private final Actors actors;

    IntegrationsController(Integrations integrations, Actors actors) {
        this.integrations = integrations;
        this.actors = actors;
    }

    @Override
    public HttpResponse<IssuedApiKey> issueApiKey(NewApiKey key) {
        // The secret is in this answer only: no cache may keep it.
        return HttpResponse.created(integrations.issueKey(actors.required(), key.getName(), key.getPerMinute()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Override
    public HttpResponse<ApiKeyList> listApiKeys() {
        return HttpResponse.ok(new ApiKeyList(integrations.keys()));
    }

    @Override
    public HttpResponse<ApiKeyInfo> revokeApiKey(Long keyId) {
        return HttpResponse.ok(integrations.revokeKey(actors.required(), keyId));
    }

    @Override
    public HttpResponse<CreatedWebhook> createWebhook(NewWebhook webhook) {
        return HttpResponse.created(integrations.createWebhook(actors.required(), webhook.getUrl(),
                webhook.getServiceCodes(), webhook.getDepartmentCodes())).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Override
    public HttpResponse<WebhookList> listWebhooks() {
        return HttpResponse.ok(new WebhookList(integrations.webhooks()));
    }

    @Override
    public HttpResponse<Webhook> endWebhook(Long webhookId) {
        return HttpResponse.ok(integrations.endWebhook(actors.required(), webhookId));
    }
}
