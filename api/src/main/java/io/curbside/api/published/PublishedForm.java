package io.curbside.api.published;

import io.curbside.api.support.StrictJsonMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A published row as every open format shows it: the GeoJSON properties (the published fields, in the
 * data dictionary's order, and nothing else) and geometry (the generalized point, null where withheld).
 * One place, so that a feature of the OGC API, a line of an export and an entry of the change feed agree.
 */
@Singleton
public class PublishedForm {

    /** The property names, in order: the GeoJSON properties and the CSV columns follow it. */
    public static final List<String> PROPERTIES = List.of("tracking_number", "service_code", "service_name",
            "department", "districts", "status", "status_detail", "received_at", "updated_at", "closed_at",
            "expected_at", "on_time", "me_too_count", "channel", "location_precision_m", "description",
            "photo_urls", "address");

    private final ObjectMapper json;

    PublishedForm(ObjectMapper json) {
        this.json = json;
    }

    public Map<String, Object> properties(PublishedRow row) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("tracking_number", row.trackingNumber());
        properties.put("service_code", row.serviceCode());
        properties.put("service_name", row.serviceName());
        properties.put("department", row.department());
        properties.put("districts", row.districtsJson() == null ? null : stored(row.districtsJson()));
        properties.put("status", row.status());
        properties.put("status_detail", row.statusDetail());
        properties.put("received_at", text(row.receivedAt()));
        properties.put("updated_at", text(row.updatedAt()));
        properties.put("closed_at", text(row.closedAt()));
        properties.put("expected_at", text(row.expectedAt()));
        properties.put("on_time", row.onTime());
        properties.put("me_too_count", row.meTooCount());
        properties.put("channel", row.channel());
        properties.put("location_precision_m", row.locationPrecisionM());
        properties.put("description", row.description());
        properties.put("photo_urls", row.photoUrlsJson() == null ? null : stored(row.photoUrlsJson()));
        properties.put("address", row.address());
        return properties;
    }

    /** A GeoJSON Point in CRS84, or null where the policy withholds the place. */
    @Nullable
    public Map<String, Object> geometry(PublishedRow row) {
        return row.lon() == null || row.lat() == null ? null
                : Map.of("type", "Point", "coordinates", List.of(row.lon(), row.lat()));
    }

    /**
     * A stored JSON document (a row's districts or photo URLs) as plain maps and lists, as {@link #properties}
     * gives it: written back as JSON, and readable in the HTML view.
     */
    @Nullable
    public Object stored(String document) {
        try {
            return StrictJsonMapper.readStored(json, document, Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException("a published row holds JSON that does not read", e);
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
