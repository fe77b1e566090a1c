package io.curbside.api.requests;

import io.curbside.contract.model.ServiceRequestStatusCode;

import java.time.Instant;
import java.util.Map;

/** One event of a request's history (request_event): what happened, the status after it, and whether the public sees it. */
public record RequestEvent(String kind, ServiceRequestStatusCode status, boolean isPublic, String note,
                           Map<String, String> data, Instant at) {
}
