package io.curbside.api.opendata;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request as the public may see it: one row of {@code opendata.published_request}, built only
 * by {@link RequestProjector}. Times are already coarsened and the point generalized where the
 * service's privacy class says so; the description is already scrubbed.
 *
 * @param districts          every layer's district: layer -> district code
 * @param statusDetail       why it was closed (the close reason), null while open
 * @param onTime             whether it was closed by its expected date; null while open, as that changes with the clock
 * @param latitude           the centre of the published cell, null when the class withholds the place
 * @param precisionMetres    the cell's size, null with the place
 * @param photoUrls          the public photos, display size
 * @param datesOnly          its class publishes dates, not times: the row's change is stamped with its day too
 */
public record PublicRequest(String trackingNumber,
                            String serviceCode,
                            String serviceName,
                            String department,
                            Map<String, String> districts,
                            String status,
                            String statusDetail,
                            Instant receivedAt,
                            Instant updatedAt,
                            Instant closedAt,
                            Instant expectedAt,
                            Boolean onTime,
                            Integer meTooCount,
                            String channel,
                            Double latitude,
                            Double longitude,
                            Integer precisionMetres,
                            String description,
                            List<String> photoUrls,
                            boolean datesOnly) {

    public List<String> districtCodes() {
        return List.copyOf(districts.values());
    }
}
