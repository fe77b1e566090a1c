package io.curbside.api.reports;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.TargetWording;
import io.curbside.api.idempotency.Fingerprint;
import io.curbside.api.idempotency.Idempotency;
import io.curbside.api.jurisdiction.JurisdictionService;
import io.curbside.api.jurisdiction.RoutingSettings;
import io.curbside.api.opendata.PublicationPolicy;
import io.curbside.api.opendata.Publisher;
import io.curbside.api.photos.PhotoService;
import io.curbside.api.photos.ProcessedPhoto;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.requests.ReceiptToken;
import io.curbside.api.requests.StoredRequests;
import io.curbside.api.requests.TrackingNumber;
import io.curbside.api.support.PublicUrls;
import io.curbside.contract.model.Department;
import io.curbside.contract.model.DistrictRef;
import io.curbside.contract.model.NewServiceRequest;
import io.curbside.contract.model.ServiceRef;
import io.curbside.contract.model.ServiceRequestCreated;
import io.curbside.contract.model.ServiceRequestStatusCode;
import io.curbside.contract.model.Target;
import io.curbside.geo.LatLon;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Files a resident's report: checks it, routes it to a department by district, sets the date it
 * is due, and answers with everything the resident needs to follow it, all of it committed
 * (request, history, photos, idempotency record) in one transaction before the 201.
 */
@Singleton
public class IntakeService {

    static final String SCOPE = "POST /v1/requests";

    private final ReportValidator validator;
    private final JurisdictionService jurisdiction;
    private final PhotoService photos;
    private final StoredRequests requests;
    private final NearbyFinder nearby;
    private final PublicationPolicy policy;
    private final Publisher publisher;
    private final RequestRepository repository;
    private final Idempotency idempotency;
    private final PublicUrls urls;
    private final ObjectMapper json;
    private final Clock clock;
    private final String routingLayer;

    IntakeService(ReportValidator validator, JurisdictionService jurisdiction,
                  PhotoService photos, StoredRequests requests, NearbyFinder nearby, PublicationPolicy policy,
                  Publisher publisher, RequestRepository repository,
                  Idempotency idempotency, PublicUrls urls,
                  ObjectMapper json, Clock clock, RoutingSettings routing) {
        this.validator = validator;
        this.jurisdiction = jurisdiction;
        this.photos = photos;
        this.requests = requests;
        this.nearby = nearby;
        this.policy = policy;
        this.publisher = publisher;
        this.repository = repository;
        this.idempotency = idempotency;
        this.urls = urls;
        this.json = json;
        this.clock = clock;
        this.routingLayer = routing.districtLayer();
    }

    public Idempotency.Outcome file(NewServiceRequest report, List<byte[]> uploads, Filer filer, String idempotencyKey,
                      String acceptLanguage) {
        return file(SCOPE, report, uploads, filer, idempotencyKey, acceptLanguage);
    }

    /**
     * Files a report as another route does: {@code scope} names that route, so a key sent to it
     * never meets the same key sent to another (the draft's keys are per resource).
     */
    public Idempotency.Outcome file(String scope, NewServiceRequest report, List<byte[]> uploads, Filer filer, String idempotencyKey,
                      String acceptLanguage) {
        if (report == null) {
            throw new ProblemException(ProblemType.INVALID_BODY, "The body is empty: send the report as JSON, or as the "
                    + "\"report\" part of a multipart form.");
        }
        Fingerprint fingerprint = new Fingerprint().add(bytes(report));
        if (!filer.equals(Filer.ANONYMOUS)) {
            fingerprint.add(filer.fingerprint());
        }
        uploads.forEach(upload -> fingerprint.add(new Fingerprint().add(upload).sha256()));
        Idempotency.Request request = new Idempotency.Request(scope, Idempotency.normalizeKey(idempotencyKey),
                fingerprint.sha256(), filer.caller());
        return idempotency.once(request, () -> {
            // Decoded and checked before the key is claimed: a refused report never holds its key.
            List<ProcessedPhoto> processed = new ArrayList<>();
            for (int i = 0; i < uploads.size(); i++) {
                processed.add(photos.process(i, uploads.get(i)));
            }
            Optional<LatLon> gps = processed.stream().flatMap(p -> p.gps().stream()).findFirst();
            ValidReport valid = validator.validate(report, uploads.size(), gps, filer, acceptLanguage);
            return new Idempotency.Work<>(() -> photos.stage(processed), staged -> commit(valid, filer, staged),
                    photos::discard);
        });
    }

    private Idempotency.Answer commit(ValidReport r, Filer filer, PhotoService.Staged staged) {
        Instant now = clock.instant();
        Catalog catalog = r.catalog();
        Catalog.Service service = r.service();
        Map<String, String> districts = new LinkedHashMap<>();
        r.place().districts().forEach(d -> districts.put(d.layer(), d.code()));
        String district = districts.get(routingLayer);
        String department = service.departmentFor(district);
        Instant due = catalog.calendar().due(now, service.target());
        NearbyFinder.Found duplicates = nearby.around(service, r.point(), now);
        LatLon published = policy.location(r.point(), service.privacy())
                .map(place -> new LatLon(place.getLat(), place.getLon())).orElse(null);
        RequestRepository.Routing routing = new RequestRepository.Routing(department, district, districts, now, due,
                duplicates.nearest().orElse(null), published);
        String token = ReceiptToken.issue();
        TrackingNumber number = null;
        Optional<Long> id = Optional.empty();
        for (int attempt = 0; attempt < 10 && id.isEmpty(); attempt++) {
            number = TrackingNumber.random();
            id = repository.insert(r, filer, number, ReceiptToken.hash(token), routing);
        }
        long requestId = id.orElseThrow(() -> new IllegalStateException("ten tracking numbers in a row were taken"));
        requests.recordFiled(requestId, department, district, now);
        photos.attach(requestId, staged);
        publisher.publishDue();

        String language = r.language();
        Catalog.Department dept = catalog.department(department);
        List<DistrictRef> refs = jurisdiction.districts(districts, language);
        DistrictRef routed = refs.stream().filter(d -> d.getLayer().equals(routingLayer)).findFirst().orElse(null);
        String target = TargetWording.say(service.target(), language);
        String url = urls.request(number.value());
        ServiceRequestCreated created = new ServiceRequestCreated(number.value(), url, token,
                ServiceRequestStatusCode.RECEIVED, new ServiceRef(service.code(), service.name().in(language)),
                new Department(department, dept.name().in(language)), refs, now.atZone(ZoneOffset.UTC),
                inCity(due, catalog.calendar().zone()),
                new Target(service.target().value(), service.target().unit(), target),
                NextSteps.say(language, service.name().in(language), dept.name().in(language),
                        routed == null ? null : routed.getName(), target,
                        due.atZone(catalog.calendar().zone()), service.target().unit(), number),
                language, photos.refs(requestId, number.value(), false),
                nearby.publish(duplicates, language));
        created.setDistrict(routed);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", url);
        headers.put("Content-Language", language);
        return new Idempotency.Answer(201, headers, bytes(created));
    }

    /** The city's wall-clock time with its offset but no region name: RFC 3339, as the contract's date-time says. */
    private static ZonedDateTime inCity(Instant instant, ZoneId zone) {
        return instant.atZone(zone.getRules().getOffset(instant));
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
