package io.curbside.api.notifications;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription as staff and partners may see it: never its secret, which is shown
 * only once, in {@link WebhookSubscriptions.Created}.
 *
 * @param serviceCodes    only requests of these services; empty for all
 * @param departmentCodes only requests routed to these departments; empty for all
 * @param deactivatedWhy  {@code deactivated} by staff, or {@code gone} when the receiver answered 410
 */
public record WebhookSubscription(long id, URI url, List<String> serviceCodes, List<String> departmentCodes,
                                  boolean active, Instant createdAt, String createdBy, Instant deactivatedAt,
                                  String deactivatedWhy) {

    public WebhookSubscription {
        serviceCodes = List.copyOf(serviceCodes);
        departmentCodes = List.copyOf(departmentCodes);
    }
}
