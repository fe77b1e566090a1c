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

    /** Paging (an extension, as Chicago's): 1-based pages of 50 by default, 500 at most. */
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;
    /** Pages are numbered, so deep ones cost their offset: far beyond 90 days of a big city. */
    static final int MAX_PAGE = 10_000;
    /** The widest circle asked for with lat, long and radius. */
    static final int MAX_RADIUS_M = 50_000;

    /**
     * The query of GET requests, every parameter as sent (null or empty when absent): the spec's, then the
     * extensions (updated_after/updated_before, bbox, lat/long/radius, extensions, page/page_size).
     */
    record Query(@Nullable String serviceRequestId, @Nullable String serviceCode, @Nullable String startDate,
                 @Nullable String endDate, @Nullable String status, @Nullable String updatedAfter,
                 @Nullable String updatedBefore, @Nullable String bbox, @Nullable String lat, @Nullable String lon,
                 @Nullable String radius, @Nullable String extensions, @Nullable String page, @Nullable String pageSize) {

        Query(@Nullable String serviceRequestId, @Nullable String serviceCode, @Nullable String startDate,
              @Nullable String endDate, @Nullable String status) {
            this(serviceRequestId, serviceCode, startDate, endDate, status, null, null, null, null, null, null, null,
                    null, null);
        }
    }

    /**
     * One answer: the request elements, and when the client pages, which page of what size and whether
     * another follows ({@code page} null when it does not page).
     */
    record Found(List<Map<String, Object>> requests, @Nullable Integer page, int pageSize, boolean more) {
    }

    /** The requests the query names, newest first, as the spec's request elements. */
    Found search(Query query, @Nullable String acceptLanguage) {
        SqlFragment where = where(query);
        boolean extended = extensions(query.extensions());
        Integer page = whole("page", query.page(), 1, MAX_PAGE);
        Integer size = whole("page_size", query.pageSize(), 1, MAX_PAGE_SIZE);
        CatalogService.View view = catalog.view(null, acceptLanguage);
        if (page == null && size == null) {
            List<PublishedRow> rows = transactions.executeRead(s -> published.page(where, NEWEST_FIRST, MAX_REQUESTS));
            return new Found(rows.stream().map(row -> element(row, view, extended)).toList(), null, MAX_REQUESTS, false);
        }
        int number = page == null ? 1 : page;
        int rows = size == null ? DEFAULT_PAGE_SIZE : size;
        // One row more than the page says whether another page follows.
        List<PublishedRow> found = transactions.executeRead(s ->
                published.pageAt(where, NEWEST_FIRST, rows + 1, (long) (number - 1) * rows));
        boolean more = found.size() > rows;
        List<PublishedRow> shown = more ? found.subList(0, rows) : found;
        return new Found(shown.stream().map(row -> element(row, view, extended)).toList(), number, rows, more);
    }

    /** One request, or a 404 when the published dataset has none by that number. */
    Map<String, Object> one(String serviceRequestId, @Nullable String extensions, @Nullable String acceptLanguage) {
        boolean extended = extensions(extensions);
        Optional<PublishedRow> row = TRACKING.matcher(serviceRequestId).matches()
                ? transactions.executeRead(s -> published.find(serviceRequestId)) : Optional.empty();
        return element(row.orElseThrow(() -> ProblemException.notFound("There is no request with the "
                + "service_request_id \"" + shortened(serviceRequestId) + "\".")), catalog.view(null, acceptLanguage), extended);
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
        Instant updatedAfter = datetime("updated_after", query.updatedAfter());
        Instant updatedBefore = datetime("updated_before", query.updatedBefore());
        if (updatedAfter != null) {
            parts.add(new SqlFragment("updated_at > ?", new SqlValue.Timestamp(updatedAfter)));
        }
        if (updatedBefore != null) {
            parts.add(new SqlFragment("updated_at < ?", new SqlValue.Timestamp(updatedBefore)));
        }
        parts.addAll(place(query));
        if (start == null && end == null) {
            if (updatedAfter != null || updatedBefore != null) {
                // Incremental sync: what changed since, however long ago it was received.
                return SqlFragment.and(withStatus(parts, query));
            }
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
        return SqlFragment.and(withStatus(parts, query));
    }

    private static List<SqlFragment> withStatus(List<SqlFragment> parts, Query query) {
        Set<String> statuses = new LinkedHashSet<>(list(query.status()));
        for (String s : statuses) {
            if (!s.equals("open") && !s.equals("closed")) {
                throw ProblemException.invalidParameter("status", "must be open or closed (or both, separated by a comma)");
            }
        }
        if (statuses.size() == 1) {
            parts.add(new SqlFragment(statuses.contains("open") ? "status <> 'closed'" : "status = 'closed'"));
        }
        return parts;
    }

    /** bbox (minLon,minLat,maxLon,maxLat) and lat + long + radius (metres), both on the published point. */
    private static List<SqlFragment> place(Query query) {
        List<SqlFragment> parts = new ArrayList<>();
        if (query.bbox() != null && !query.bbox().isBlank()) {
            String[] corners = query.bbox().split(",", -1);
            if (corners.length != 4) {
                throw ProblemException.invalidParameter("bbox", "must be four numbers: minLon,minLat,maxLon,maxLat");
            }
            double minLon = decimal("bbox", corners[0].strip(), 180);
            double minLat = decimal("bbox", corners[1].strip(), 90);
            double maxLon = decimal("bbox", corners[2].strip(), 180);
            double maxLat = decimal("bbox", corners[3].strip(), 90);
            if (minLon > maxLon || minLat > maxLat) {
                throw ProblemException.invalidParameter("bbox", "must be minLon,minLat,maxLon,maxLat, each minimum "
                        + "at most its maximum");
            }
            parts.add(new SqlFragment("location && ST_MakeEnvelope(?, ?, ?, ?, 4326)", new SqlValue.Real(minLon),
                    new SqlValue.Real(minLat), new SqlValue.Real(maxLon), new SqlValue.Real(maxLat)));
        }
        boolean lat = query.lat() != null && !query.lat().isBlank();
        boolean lon = query.lon() != null && !query.lon().isBlank();
        boolean radius = query.radius() != null && !query.radius().isBlank();
        if (lat || lon || radius) {
            if (!(lat && lon && radius)) {
                throw ProblemException.invalidParameter(!lat ? "lat" : !lon ? "long" : "radius",
                        "is needed: a circle is lat, long and radius (metres) together");
            }
            double y = decimal("lat", query.lat().strip(), 90);
            double x = decimal("long", query.lon().strip(), 180);
            Integer metres = whole("radius", query.radius(), 1, MAX_RADIUS_M);
            parts.add(new SqlFragment("ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)",
                    new SqlValue.Real(x), new SqlValue.Real(y), new SqlValue.WholeNumber(metres)));
        }
        return parts;
    }

    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,2})(\\.[0-9]{1,15})?");
    private static final Pattern WHOLE = Pattern.compile("[1-9][0-9]{0,8}");

    private static double decimal(String name, String value, double bound) {
        if (!DECIMAL.matcher(value).matches() || Math.abs(Double.parseDouble(value)) > bound) {
            throw ProblemException.invalidParameter(name, "must hold numbers in decimals between -" + (int) bound
                    + " and " + (int) bound);
        }
        return Double.parseDouble(value);
    }

    /** A whole number from min to max; null when absent or empty. */
    @Nullable
    private static Integer whole(String name, @Nullable String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (!WHOLE.matcher(v).matches() || Long.parseLong(v) < min || Long.parseLong(v) > max) {
            throw ProblemException.invalidParameter(name, "must be a whole number from " + min + " to " + max);
        }
        return Integer.valueOf(v);
    }

    /** extensions=true asks for the extended attributes (Chicago's style); false or absent does not. */
    private static boolean extensions(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalidParameter("extensions", "must be true or false");
        };
    }

    private Map<String, Object> element(PublishedRow row, CatalogService.View view, boolean extended) {
        ZoneId zone = view.catalog().calendar().zone();
        Catalog c = view.catalog();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service_request_id", row.trackingNumber());
        request.put("status", "closed".equals(row.status()) ? "closed" : "open");
        // Why it is in its state, as published: the close reason of a closed request.
        request.put("status_notes", row.statusDetail());
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
        List<String> photos = photos(row.photoUrlsJson());
        request.put("media_url", photos.isEmpty() ? null : photos.get(0));
        if (extended) {
            request.put("extended_attributes", extendedAttributes(row, zone, photos));
        }
        return request;
    }

    /** What Curbside publishes beyond the spec's fields, for extensions=true. */
    private Map<String, Object> extendedAttributes(PublishedRow row, ZoneId zone, List<String> photos) {
        Map<String, Object> extended = new LinkedHashMap<>();
        extended.put("status_detail", row.status());
        extended.put("close_reason", row.statusDetail());
        extended.put("channel", row.channel());
        extended.put("department", row.department());
        extended.put("districts", districts(row.districtsJson()));
        extended.put("closed_datetime", datetime(row.closedAt(), zone));
        extended.put("on_time", row.onTime());
        extended.put("me_too_count", row.meTooCount());
        extended.put("location_precision_m", row.locationPrecisionM());
        extended.put("photos", photos);
        return extended;
    }

    /** The stored districts ({layer: code}) as a list of layer and code, which XML can name. */
    private List<Map<String, Object>> districts(@Nullable String stored) {
        if (stored == null) {
            return List.of();
        }
        try {
            Object read = StrictJsonMapper.readStored(json, stored, Argument.OBJECT_ARGUMENT);
            if (!(read instanceof Map<?, ?> map)) {
                return List.of();
            }
            List<Map<String, Object>> districts = new ArrayList<>();
            map.forEach((layer, code) -> {
                Map<String, Object> district = new LinkedHashMap<>();
                district.put("layer", String.valueOf(layer));
                district.put("code", code == null ? null : String.valueOf(code));
                districts.add(district);
            });
            return districts;
        } catch (IOException e) {
            throw new IllegalStateException("a published row holds districts that do not read", e);
        }
    }

    /** The published photos' URLs (display size), in order. */
    private List<String> photos(@Nullable String photoUrls) {
        if (photoUrls == null) {
            return List.of();
        }
        try {
            Object stored = StrictJsonMapper.readStored(json, photoUrls, Argument.OBJECT_ARGUMENT);
            return stored instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        } catch (IOException e) {
            throw new IllegalStateException("a published row holds photo URLs that do not read", e);
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
            OffsetDateTime at = OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            // The parser takes years past 9999 and before 1 (+300000-01-01T00:00:00Z), which PostgreSQL refuses.
            if (at.getYear() < 1 || at.getYear() > 9999) {
                throw new DateTimeParseException("year out of range", value, 0);
            }
            return at.toInstant();
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
