package io.curbside.api.liaisons;

import io.curbside.api.idempotency.Fingerprint;
import io.curbside.api.idempotency.Caller;
import io.curbside.api.idempotency.Idempotency;
import io.curbside.api.problem.ConstraintPaths;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.curbside.api.problem.UnreadableBody;
import io.curbside.contract.model.NeighbourBatchResult;
import io.curbside.contract.model.NeighbourBatchResultOutcome;
import io.curbside.contract.model.NeighbourBatchResults;
import io.curbside.contract.model.NeighbourReport;
import io.curbside.contract.model.ServiceRequestCreated;
import io.curbside.contract.model.Violation;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Files a liaison's batch, item by item: each checked and filed on its own, each under an
 * idempotency key of its own made from the batch's key and its index, so a batch cut off half
 * way and sent again files only what it had not filed yet. The batch's answer is stored under
 * the batch's key once every item is answered, and replayed as it was from then on.
 */
@Singleton
class NeighbourBatches {

    static final String SCOPE = "POST /v1/liaison/batches";
    static final String ITEM_SCOPE = "POST /v1/liaison/batches item";

    private final NeighbourFiling filing;
    private final Idempotency idempotency;
    private final Validator validator;
    private final ObjectMapper json;

    NeighbourBatches(NeighbourFiling filing, Idempotency idempotency, Validator validator, ObjectMapper json) {
        this.filing = filing;
        this.idempotency = idempotency;
        this.validator = validator;
        this.json = json;
    }

    Idempotency.Outcome file(UUID liaison, List<Map<String, Object>> items, String idempotencyKey, String acceptLanguage) {
        String key = Idempotency.normalizeKey(idempotencyKey);
        if (key == null) {
            throw ProblemException.invalidParameter("Idempotency-Key", "is required for a batch, so that a retry "
                    + "never files its requests twice");
        }
        Idempotency.Request request = new Idempotency.Request(SCOPE, key, fingerprint(liaison, items),
                Caller.liaison(liaison));
        // The items commit one by one under keys of their own, before the batch's answer is stored.
        return idempotency.once(request, new Idempotency.Work<>(
                () -> fileAll(liaison, items, key, acceptLanguage), answer -> answer, answer -> { }));
    }

    private Idempotency.Answer fileAll(UUID liaison, List<Map<String, Object>> items, String key,
                                       String acceptLanguage) {
        List<NeighbourBatchResult> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            results.add(fileOne(liaison, i, items.get(i), itemKey(key, i), acceptLanguage));
        }
        int filed = (int) results.stream().filter(r -> r.getOutcome() == NeighbourBatchResultOutcome.FILED).count();
        return new Idempotency.Answer(200, Map.of(),
                bytes(new NeighbourBatchResults(filed, results.size() - filed, results)));
    }

    /**
     * One item's outcome. A problem of the item is its answer; a problem of the server (the
     * database gone, the item's key still held by another attempt) stops the batch, so that
     * no answer that might have been a success is ever stored as a refusal.
     */
    private NeighbourBatchResult fileOne(UUID liaison, int index, Map<String, Object> item, String key,
                                         String acceptLanguage) {
        NeighbourReport report;
        try {
            report = json.readValue(json.writeValueAsBytes(item), NeighbourReport.class);
        } catch (IOException e) {
            ProblemException unreadable = UnreadableBody.of(e, "");
            return refused(index, unreadable.type(), unreadable.getMessage(), unreadable.violations());
        }
        Set<ConstraintViolation<NeighbourReport>> failures = validator.validate(report);
        if (!failures.isEmpty()) {
            List<Violation> violations = ConstraintPaths.of(failures, "", null);
            return refused(index, ProblemType.INVALID_FIELDS, Problems.correct(violations), violations);
        }
        try {
            ServiceRequestCreated created = json.readValue(
                    filing.file(ITEM_SCOPE, liaison, report, key, acceptLanguage).answer().body(),
                    ServiceRequestCreated.class);
            NeighbourBatchResult result = new NeighbourBatchResult(index, NeighbourBatchResultOutcome.FILED);
            result.setTrackingNumber(created.getTrackingNumber());
            result.setUrl(created.getUrl());
            result.setReceiptToken(created.getReceiptToken());
            result.setExpectedAt(created.getExpectedAt());
            return result;
        } catch (ProblemException e) {
            if (e.type() == ProblemType.IDEMPOTENCY_KEY_IN_USE || e.type().status().getCode() >= 500) {
                throw e;
            }
            if (e.type() == ProblemType.IDEMPOTENCY_KEY_REUSED) {
                return refused(index, e.type(), "An earlier attempt of this batch, with the same Idempotency-Key, "
                        + "already filed another request at this position. Send changed requests in a new batch "
                        + "with a new key.", List.of());
            }
            return refused(index, e.type(), e.getMessage(), e.violations());
        } catch (IOException e) {
            throw new UncheckedIOException("a stored answer is unreadable", e);
        }
    }

    private static NeighbourBatchResult refused(int index, ProblemType type, String detail, List<Violation> violations) {
        NeighbourBatchResult result = new NeighbourBatchResult(index, NeighbourBatchResultOutcome.REFUSED);
        result.setProblem(Problems.of(type, detail, violations, null));
        return result;
    }

    /**
     * The item's own key: derived from the batch's, so only its holder can replay it, and never
     * from what the database keeps of the batch's key (its SHA-256), so the database cannot open it.
     */
    private static String itemKey(String batchKey, int index) {
        return HexFormat.of().formatHex(new Fingerprint().add("liaison batch item").add(batchKey)
                .add(Integer.toString(index)).sha256());
    }

    /** The liaison and the items, with every object's keys sorted, so the same batch sent again is the same. */
    private byte[] fingerprint(UUID liaison, List<Map<String, Object>> items) {
        return new Fingerprint().add(liaison.toString()).add(bytes(sorted(items))).sha256();
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), sorted(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(NeighbourBatches::sorted).toList();
        }
        return value;
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
