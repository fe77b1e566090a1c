package io.curbside.api.idempotency;

import io.curbside.api.idempotency.Idempotency;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/** What a creating route answers: its answer, and whether it replays an earlier request with the same key. */
public record Filed(Idempotency.Answer answer, boolean replayed) {

    /** The answer as the route sends it, stored headers included, and saying when it is a replay. */
    public <T> HttpResponse<T> response(ObjectMapper json, Class<T> type) {
        T body;
        try {
            body = json.readValue(answer.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored answer is unreadable", e);
        }
        MutableHttpResponse<T> response = HttpResponse.<T>status(HttpStatus.valueOf(answer.status())).body(body);
        answer.headers().forEach(response::header);
        if (replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        return response;
    }
}
