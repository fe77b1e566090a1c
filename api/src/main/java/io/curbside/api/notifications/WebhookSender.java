package io.curbside.api.notifications;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts webhook messages, signed, with the JDK's HTTP client: a batch all at once, so one pass
 * lasts at most a connect and a request timeout however many receivers are slow. Redirects are
 * not followed (a redirect could lead past {@link WebhookTargets}' checks).
 */
@Singleton
class WebhookSender {

    private final HttpClient client;
    private final WebhookSettings settings;
    private final WebhookTargets targets;
    private final SecretSeal seal;
    private final WebhookPublication publication;
    private final Clock clock;

    WebhookSender(WebhookSettings settings, WebhookTargets targets, SecretSeal seal, WebhookPublication publication,
                  Clock clock) {
        this.settings = settings;
        this.targets = targets;
        this.seal = seal;
        this.publication = publication;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain HTTP/1.1: an HTTP/2 upgrade attempt on http:// confuses simple receivers.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The longest one batch can take. */
    Duration longest() {
        return settings.connectTimeout().plus(settings.requestTimeout()).plusSeconds(1);
    }

    /** Sends each message, and says what became of it, by row id. Nothing is started after {@code deadline} (System.nanoTime). */
    Map<Long, Outcome> deliver(List<ClaimedMessage> messages, long deadline) {
        Map<Long, CompletableFuture<Outcome>> pending = new LinkedHashMap<>();
        for (ClaimedMessage message : messages) {
            if (System.nanoTime() + longest().toNanos() > deadline) {
                pending.put(message.id(), CompletableFuture.completedFuture(Outcome.notSent()));
                continue;
            }
            try {
                pending.put(message.id(), send(message));
            } catch (RuntimeException e) {
                pending.put(message.id(), CompletableFuture.completedFuture(failure(e)));
            }
        }
        Map<Long, Outcome> outcomes = new LinkedHashMap<>();
        pending.forEach((id, future) -> outcomes.put(id, future.join()));
        return outcomes;
    }

    private CompletableFuture<Outcome> send(ClaimedMessage message) {
        Optional<String> body = publication.body(message);
        if (body.isEmpty()) {
            return CompletableFuture.completedFuture(Outcome.notPublished(
                    "not published: the request's privacy class keeps its events from subscribers"));
        }
        URI target = URI.create(message.url());
        Optional<String> refusal = targets.refusal(target);
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(Outcome.failed("The webhook URL " + refusal.get()));
        }
        Optional<byte[]> secret = seal.open(message.secret(), message.secretSealed());
        if (secret.isEmpty()) {
            return CompletableFuture.completedFuture(Outcome.failed(
                    "the subscription's secret is sealed under a key this node does not have (curbside.webhooks.secret-key)"));
        }
        String id = "msg_" + message.messageId();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Curbside-Webhooks/1")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secret.get(), id, timestamp, body.get()))
                .POST(HttpRequest.BodyPublishers.ofString(body.get()))
                .build();
        // The answer's body is never read: closing the stream drops it, so a receiver that
        // streams without end cannot hold the worker. The overall cap covers a stalled send.
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .orTimeout(longest().toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(WebhookSender::outcome)
                .exceptionally(WebhookSender::failure);
    }

    private static Outcome outcome(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // The answer's status is all that counts; a body cut short changes nothing.
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Outcome.delivered();
        }
        if (status == 410) {
            return Outcome.gone("HTTP 410 Gone: the receiver ended the subscription");
        }
        return Outcome.failed("HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""));
    }

    private static Outcome failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return Outcome.failed("timed out");
        }
        String message = cause.getMessage();
        return Outcome.failed(cause.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }
}
