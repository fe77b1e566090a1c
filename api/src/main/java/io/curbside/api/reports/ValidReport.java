package io.curbside.api.reports;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.jurisdiction.Located;
import io.curbside.contract.model.Channel;
import io.curbside.geo.LatLon;

import java.util.Map;

/**
 * A report that passed every check, normalized as it is stored: trimmed texts, answers in
 * their stored form, the reply language chosen among the catalog's, and where it is; with the
 * catalog it was checked against, so filing it reads the same one.
 */
record ValidReport(Catalog catalog,
                   Catalog.Service service,
                   LatLon point,
                   Double accuracyMetres,
                   String locationText,
                   String description,
                   Map<String, Object> answers,
                   String contactName,
                   String contactEmail,
                   String contactPhone,
                   String language,
                   Channel channel,
                   String deviceId,
                   Located place) {

    ValidReport {
        answers = Map.copyOf(answers);
    }
}
