package io.curbside.api.open311;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.opendata.query.SqlFragment;
import io.curbside.api.opendata.query.SqlValue;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.published.PublishedRequests;
import io.curbside.api.published.PublishedRow;
import io.curbside.api.support.StrictJsonMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * GET requests and requests/{id}: the published dataset and nothing else, through {@link PublishedRequests}
 * on the open-data datasource, so a read cannot reach what the projection left out. The point is the
 * published (generalized) one, the text the published (scrubbed) text, and there is no contact data to leave out.
 */
@Singleton
class Open311Reads {

    /** The spec's defaults and bounds: the last 90 days, at most 1,000 requests. */
    static final Duration MAX_RANGE = Duration.ofDays(90);
    static final int MAX_REQUESTS = 1000;
    /** Ids in one service_request_id list: as many as one answer holds. */
    static final int MAX_IDS = MAX_REQUESTS;
    private static final String NEWEST_FIRST = "received_at DESC, tracking_number DESC";
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern TRACKING = Pattern.compile("[A-Za-z0-9-]{1,40}");

    private final PublishedRequests published;
    private final TransactionOperations<Connection> transactions;
    private final CatalogService catalog;
    private final ObjectMapper json;
    private final Clock clock;

    Open311Reads(PublishedRequests published, @Named("opendata") TransactionOperations<Connection> transactions,
                 CatalogService catalog, ObjectMapper json, Clock clock) {
        this.published = published;
        this.transactions = transactions;
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
    }

    /** The query of GET requests, every parameter as sent (null or empty when absent). */
    record Query(@Nullable String serviceRequestId, @Nullable String serviceCode, @Nullable String startDate,
                 @Nullable String endDate, @Nullable String status) {
    }

    /** The requests the query names, newest first, as the spec's request elements. */
    List<Map<String, Object>> search(Query query, @Nullable String acceptLanguage) {
        SqlFragment where = where(query);
        CatalogService.View view = catalog.view(null, acceptLanguage);
        List<PublishedRow> rows = transactions.executeRead(s -> published.page(where, NEWEST_FIRST, MAX_REQUESTS));
        return rows.stream().map(row -> element(row, view)).toList();
    }

    /** One request, or a 404 when the published dataset has none by that number. */
    Map<String, Object> one(String serviceRequestId, @Nullable String acceptLanguage) {
        Optional<PublishedRow> row = TRACKING.matcher(serviceRequestId).matches()
                ? transactions.executeRead(s -> published.find(serviceRequestId)) : Optional.empty();
        return element(row.orElseThrow(() -> ProblemException.notFound("There is no request with the "
                + "service_request_id \"" + shortened(serviceRequestId) + "\".")), catalog.view(null, acceptLanguage));
    }

    /** Whether a request of that number is published (tokens are tracking numbers: Curbside files at once). */
    boolean exists(String trackingNumber) {
        return TRACKING.matcher(trackingNumber).matches()
                && transactions.executeRead(s -> published.find(trackingNumber)).isPresent();
    }

    SqlFragment where(Query query) {
        List<String> ids = list(query.serviceRequestId());
        if (!ids.isEmpty()) {
            // The spec: a list of ids overrides every other parameter.
            if (ids.size() > MAX_IDS) {
                throw ProblemException.invalidParameter("service_request_id", "names " + ids.size()
                        + " requests; at most " + MAX_IDS + " are answered at once");
            }
            return in("tracking_number", ids, TRACKING, "service_request_id");
        }
        List<SqlFragment> parts = new ArrayList<>();
        List<String> codes = list(query.serviceCode());
        if (!codes.isEmpty()) {
            parts.add(in("service_code", codes, CODE, "service_code"));
        }
        Instant start = datetime("start_date", query.startDate());
        Instant end = datetime("end_date", query.endDate());
        if (start == null && end == null) {
            end = clock.instant();
        }
        if (start == null) {
            start = end.minus(MAX_RANGE);
        } else if (end == null) {
            end = start.plus(MAX_RANGE);
        }
        if (end.isBefore(start)) {
            throw ProblemException.invalidParameter("end_date", "is before start_date");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw ProblemException.invalidParameter("end_date", "is more than 90 days after start_date; "
                    + "ask for at most 90 days at once");
        }
        parts.add(new SqlFragment("received_at >= ? AND received_at <= ?", new SqlValue.Timestamp(start),
                new SqlValue.Timestamp(end)));
        Set<String> statuses = new LinkedHashSet<>(list(query.status()));
        for (String s : statuses) {
            if (!s.equals("open") && !s.equals("closed")) {
                throw ProblemException.invalidParameter("status", "must be open or closed (or both, separated by a comma)");
            }
        }
        if (statuses.size() == 1) {
            parts.add(new SqlFragment(statuses.contains("open") ? "status <> 'closed'" : "status = 'closed'"));
        }
        return SqlFragment.and(parts);
    }

    private Map<String, Object> element(PublishedRow row, CatalogService.View view) {
        ZoneId zone = view.catalog().calendar().zone();
        Catalog c = view.catalog();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service_request_id", row.trackingNumber());
        request.put("status", "closed".equals(row.status()) ? "closed" : "open");
        request.put("status_notes", null);
        request.put("service_name", c.service(row.serviceCode()).map(s -> s.name().in(view.language()))
                .orElse(row.serviceName()));
        request.put("service_code", row.serviceCode());
        request.put("description", row.description());
        request.put("agency_responsible", row.department() == null ? null
                : c.departmentName(row.department(), view.language()));
        request.put("service_notice", null);
        request.put("requested_datetime", datetime(row.receivedAt(), zone));
        request.put("updated_datetime", datetime(row.updatedAt(), zone));
        request.put("expected_datetime", datetime(row.expectedAt(), zone));
        request.put("address", row.address());
        request.put("address_id", null);
        request.put("zipcode", null);
        request.put("lat", row.lat());
        request.put("long", row.lon());
        request.put("media_url", firstPhoto(row.photoUrlsJson()));
        return request;
    }

    @Nullable
    private String firstPhoto(@Nullable String photoUrls) {
        if (photoUrls == null) {
            return null;
        }
        try {
            Object stored = StrictJsonMapper.readStored(json, photoUrls, Argument.OBJECT_ARGUMENT);
            if (stored instanceof List<?> list && !list.isEmpty()) {
                Object first = list.get(0);
                if (first instanceof String url) {
                    return url;
                }
                if (first instanceof Map<?, ?> photo) {
                    Object url = photo.containsKey("display") ? photo.get("display") : photo.get("url");
                    return url == null ? null : url.toString();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** W3C datetime with the city's offset, to the second. */
    @Nullable
    static String datetime(@Nullable Instant at, ZoneId zone) {
        return at == null ? null
                : OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** A W3C datetime with its zone (2026-03-14T09:30:00Z, 2026-03-14T09:30:00-05:00); null when absent or empty. */
    @Nullable
    private static Instant datetime(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter(name, "must be a date and time with its zone, like "
                    + "2026-03-14T09:30:00-05:00 or 2026-03-14T14:30:00Z");
        }
    }

    /** The values of a comma list, each stripped, empty ones dropped: an empty parameter is no parameter. */
    static List<String> list(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
    }

    private static SqlFragment in(String column, List<String> values, Pattern valid, String parameter) {
        for (String v : values) {
            if (!valid.matcher(v).matches()) {
                throw ProblemException.invalidParameter(parameter, "holds \"" + shortened(v) + "\", which is not one");
            }
        }
        String marks = String.join(", ", values.stream().map(v -> "?").toList());
        return new SqlFragment(column + " IN (" + marks + ")",
                values.stream().map((Function<String, SqlValue>) SqlValue.Text::new).toList());
    }

    private static String shortened(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
