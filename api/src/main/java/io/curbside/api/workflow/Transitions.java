package io.curbside.api.workflow;

import io.curbside.contract.model.ServiceRequestStatusCode;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.curbside.contract.model.ServiceRequestStatusCode.ACKNOWLEDGED;
import static io.curbside.contract.model.ServiceRequestStatusCode.CLOSED;
import static io.curbside.contract.model.ServiceRequestStatusCode.IN_PROGRESS;
import static io.curbside.contract.model.ServiceRequestStatusCode.RECEIVED;

/**
 * The lifecycle: received → acknowledged → in progress → closed, closing early when there is
 * nothing to work on (a duplicate, not the city's, could not locate), and reopening a closed
 * request as acknowledged. Nothing goes back otherwise, so the history reads forwards.
 */
final class Transitions {

    private static final Map<ServiceRequestStatusCode, Set<ServiceRequestStatusCode>> ALLOWED = Map.of(
            RECEIVED, EnumSet.of(ACKNOWLEDGED, CLOSED),
            ACKNOWLEDGED, EnumSet.of(IN_PROGRESS, CLOSED),
            IN_PROGRESS, EnumSet.of(CLOSED),
            CLOSED, EnumSet.of(ACKNOWLEDGED));

    private Transitions() {
    }

    static boolean allowed(ServiceRequestStatusCode from, ServiceRequestStatusCode to) {
        return ALLOWED.get(from).contains(to);
    }

    static Set<ServiceRequestStatusCode> from(ServiceRequestStatusCode status) {
        return ALLOWED.get(status);
    }

    /** The history's name for a move: the new status, except that leaving "closed" is a reopening. */
    static String kind(ServiceRequestStatusCode from, ServiceRequestStatusCode to) {
        return from == CLOSED ? "reopened" : to.getValue();
    }
}
