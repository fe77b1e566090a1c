package io.curbside.api.reports;

import io.curbside.api.idempotency.Idempotency;

/** What a creating route answers: its answer, and whether it replays an earlier request with the same key. */
public record Filed(Idempotency.Answer answer, boolean replayed) {
}
