package io.curbside.api.requests;

import io.curbside.contract.model.Channel;
import io.curbside.contract.model.ServiceRequestStatusCode;
import io.curbside.geo.LatLon;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A service request as stored: everything, private fields included. Never leaves the server as is.
 *
 * @param reporterErased the reporter erased their account: their words are no longer public
 */
public record StoredRequest(long id,
                            TrackingNumber trackingNumber,
                            String serviceCode,
                            ServiceRequestStatusCode status,
                            LatLon location,
                            Double accuracyMetres,
                            String locationText,
                            String description,
                            String contactName,
                            Map<String, Object> answers,
                            String language,
                            Channel channel,
                            byte[] receiptTokenHash,
                            String departmentCode,
                            Map<String, String> districts,
                            Instant receivedAt,
                            Instant expectedAt,
                            Instant closedAt,
                            Instant updatedAt,
                            int meToo,
                            long version,
                            UUID reporterAccount,
                            UUID filedBy,
                            boolean reporterErased) {

    /** Whether the account is this request's reporter, or the liaison who filed it. */
    public boolean belongsTo(UUID account) {
        return account != null && (account.equals(reporterAccount) || account.equals(filedBy));
    }

    /** Closed by the expected date, or still open before it. */
    public boolean onTime(Instant now) {
        return closedAt != null ? !closedAt.isAfter(expectedAt) : !now.isAfter(expectedAt);
    }
}
