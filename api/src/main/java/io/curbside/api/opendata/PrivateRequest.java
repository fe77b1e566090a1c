package io.curbside.api.opendata;

import io.curbside.contract.model.PrivacyClass;
import io.curbside.geo.LatLon;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What the projector is given of a request: everything it may need to decide, private fields
 * included (the exact point, the description as written, the reporter's name). Never leaves
 * {@code opendata/}.
 *
 * @param serviceName      in the catalog's default language
 * @param reporterErased   the reporter erased their account: their name is gone, so their words cannot be scrubbed of it
 * @param publicPhotoIds   photos staff made public, in order
 * @param cityZone         the city's time zone, for the dates of coarsened times
 * @param storedPublicPoint the generalized point stored with the private row, to bring onto the current grid
 */
record PrivateRequest(long id,
                      String trackingNumber,
                      String serviceCode,
                      String serviceName,
                      PrivacyClass privacy,
                      String departmentCode,
                      Map<String, String> districts,
                      String status,
                      String closeReason,
                      Instant receivedAt,
                      Instant updatedAt,
                      Instant closedAt,
                      Instant expectedAt,
                      int meTooCount,
                      String channel,
                      LatLon location,
                      String description,
                      String contactName,
                      boolean reporterErased,
                      List<String> publicPhotoIds,
                      ZoneId cityZone,
                      LatLon storedPublicPoint) {
}
