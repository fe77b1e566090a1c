package io.curbside.api.integrations;

import io.curbside.api.testing.HttpTest;
import io.curbside.api.testing.People;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.curbside.api.testing.People.token;
import static io.curbside.api.testing.RequestsClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admins issue and revoke API keys and manage webhook subscriptions over HTTP; nobody else can; all of it audited. */
@MicronautTest(transactional = false)
class IntegrationsTest extends HttpTest {

    private People people;
    private String admin;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(People.bootstrapAdmin());
        properties.put("curbside.rate-limit.api-key-per-minute", "1000");
        properties.put("curbside.outbox.enabled", "false");
        properties.put("curbside.webhooks.allow-http", "true");
        properties.put("curbside.webhooks.allow-private-targets", "true");
        return properties;
    }

    @BeforeAll
    void admin() {
        people = new People(http);
        admin = token(people.admin());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anIssuedKeyWorksWithItsOwnLimitUntilRevoked() {
        HttpResponse<Map<String, Object>> issued = http.toBlocking().exchange(HttpRequest.POST("/v1/admin/api-keys",
                Map.of("name", "Riverton Times data desk", "per_minute", 7)).bearerAuth(admin), JSON);
        assertEquals(HttpStatus.CREATED, issued.getStatus());
        assertEquals("no-store", issued.getHeaders().get("Cache-Control"));
        String secret = (String) issued.body().get("key");
        Map<String, Object> info = (Map<String, Object>) issued.body().get("api_key");
        assertTrue(secret.startsWith((String) info.get("prefix")));
        HttpResponse<String> used = http.toBlocking().exchange(HttpRequest.GET("/v1/services").header("X-Api-Key", secret),
                String.class);
        assertEquals("7", used.header("RateLimit-Limit"));
        List<Map<String, Object>> listed = (List<Map<String, Object>>) http.toBlocking().retrieve(
                HttpRequest.GET("/v1/admin/api-keys").bearerAuth(admin), JSON).get("keys");
        assertTrue(listed.stream().anyMatch(k -> k.get("id").equals(info.get("id"))));
        assertFalse(listed.toString().contains(secret.substring(((String) info.get("prefix")).length() + 1)),
                "the secret is never listed");
        Map<String, Object> revoked = http.toBlocking().retrieve(HttpRequest.DELETE("/v1/admin/api-keys/" + info.get("id"))
                .bearerAuth(admin), JSON);
        assertNotNull(revoked.get("revoked_at"));
        requests.problem(HttpRequest.GET("/v1/services").header("X-Api-Key", secret), HttpStatus.UNAUTHORIZED,
                "invalid-api-key");
        requests.problem(HttpRequest.DELETE("/v1/admin/api-keys/999999").bearerAuth(admin), HttpStatus.NOT_FOUND, "not-found");
        assertTrue(audited("api_key.issue", String.valueOf(info.get("id"))));
        assertTrue(audited("api_key.revoke", String.valueOf(info.get("id"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWebhookIsCreatedWithItsSecretOnceListedAndEnded() {
        HttpResponse<Map<String, Object>> created = http.toBlocking().exchange(HttpRequest.POST("/v1/admin/webhooks",
                Map.of("url", "http://127.0.0.1:9/hook", "service_codes", List.of("pothole"))).bearerAuth(admin), JSON);
        assertEquals(HttpStatus.CREATED, created.getStatus());
        String secret = (String) created.body().get("secret");
        assertTrue(secret.startsWith("whsec_"));
        Map<String, Object> webhook = (Map<String, Object>) created.body().get("webhook");
        assertEquals(List.of("pothole"), webhook.get("service_codes"));
        String listed = http.toBlocking().retrieve(HttpRequest.GET("/v1/admin/webhooks").bearerAuth(admin), String.class);
        assertTrue(listed.contains("127.0.0.1:9/hook"));
        assertFalse(listed.contains(secret.substring(6)), "the secret is never listed");
        Map<String, Object> ended = http.toBlocking().retrieve(HttpRequest.DELETE("/v1/admin/webhooks/" + webhook.get("id"))
                .bearerAuth(admin), JSON);
        assertEquals(false, ended.get("active"));
        requests.problem(HttpRequest.POST("/v1/admin/webhooks", Map.of("url", "ftp://example.org/x")).bearerAuth(admin),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fields");
        assertTrue(audited("webhook.create", String.valueOf(webhook.get("id"))));
        assertTrue(audited("webhook.end", String.valueOf(webhook.get("id"))));
    }

    @Test
    void onlyAdminsManageKeysAndWebhooks() {
        for (String caller : List.of(token(people.register("r")), token(people.staffOf("streets")))) {
            requests.problem(HttpRequest.POST("/v1/admin/api-keys", Map.of("name", "mine")).bearerAuth(caller),
                    HttpStatus.FORBIDDEN, "forbidden");
            requests.problem(HttpRequest.GET("/v1/admin/webhooks").bearerAuth(caller), HttpStatus.FORBIDDEN, "forbidden");
        }
        requests.problem(HttpRequest.GET("/v1/admin/api-keys"), HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    @SuppressWarnings("unchecked")
    private boolean audited(String action, String target) {
        List<Map<String, Object>> entries = (List<Map<String, Object>>) http.toBlocking().retrieve(
                HttpRequest.GET("/v1/admin/audit?limit=200").bearerAuth(admin), JSON).get("entries");
        return entries.stream().anyMatch(e -> action.equals(e.get("action")) && target.equals(e.get("target")));
    }
}
