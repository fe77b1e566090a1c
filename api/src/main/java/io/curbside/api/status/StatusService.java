package io.curbside.api.status;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.following.Ratings;
import io.curbside.api.jurisdiction.JurisdictionService;
import io.curbside.api.opendata.PublicationPolicy;
import io.curbside.api.photos.PhotoService;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.requests.ReceiptToken;
import io.curbside.api.requests.RequestEvent;
import io.curbside.api.requests.StoredRequest;
import io.curbside.api.requests.StoredRequests;
import io.curbside.api.requests.TrackingNumber;
import io.curbside.api.store.DataVersionRepository;
import io.curbside.api.support.EntityTags;
import io.curbside.contract.model.Department;
import io.curbside.contract.model.DistrictRef;
import io.curbside.contract.model.PhotoRef;
import io.curbside.contract.model.PrivacyClass;
import io.curbside.contract.model.Rating;
import io.curbside.contract.model.ReportedLocation;
import io.curbside.contract.model.ReporterDetails;
import io.curbside.contract.model.ServiceRef;
import io.curbside.contract.model.ServiceRequestStatus;
import io.curbside.contract.model.TimelineEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/** A request's lifecycle and history: records what happens to it, and shows it to the public and the reporter. */
@Singleton
public class StatusService {

    private final StoredRequests requests;
    private final CatalogService catalog;
    private final JurisdictionService jurisdiction;
    private final PublicationPolicy policy;
    private final PhotoService photos;
    private final Ratings ratings;
    private final DataVersionRepository versions;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public StatusService(StoredRequests requests, CatalogService catalog, JurisdictionService jurisdiction,
                         PublicationPolicy policy, PhotoService photos, Ratings ratings, DataVersionRepository versions,
                         TransactionOperations<Connection> transactions, Clock clock) {
        this.requests = requests;
        this.catalog = catalog;
        this.jurisdiction = jurisdiction;
        this.policy = policy;
        this.photos = photos;
        this.ratings = ratings;
        this.versions = versions;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A request as one caller may see it, with the ETag of that view; no body when the caller's copy is current. */
    public record View(String etag, String language, boolean personal, Supplier<ServiceRequestStatus> body) {
    }

    /**
     * The public view, or the reporter's with the right receipt token (403 with a wrong one).
     * The ETag changes with the request, the catalog and city texts, the language, the view,
     * and the moment the request becomes late. A phone polling with {@code ifNoneMatch} costs
     * one short read transaction; the body is read and built only when its copy is stale.
     */
    public View view(String typedNumber, String receiptToken, UUID caller, String lang, String acceptLanguage,
                     String ifNoneMatch) {
        TrackingNumber number = TrackingNumber.parameter(typedNumber);
        record Read(Optional<StoredRequest> request, DataVersionRepository.Current versions, boolean rated) {
        }
        Read read = transactions.executeRead(s -> {
            Optional<StoredRequest> found = requests.find(number);
            // Only the reporter's view shows their rating, so only it looks one up.
            boolean rated = found.filter(r -> ReceiptToken.matches(receiptToken, r.receiptTokenHash()) || r.belongsTo(caller))
                    .map(r -> ratings.rated(r.id())).orElse(false);
            return new Read(found, versions.current(), rated);
        });
        StoredRequest request = read.request()
                .orElseThrow(() -> ProblemException.notFound("There is no request " + number + "."));
        boolean tokenSent = receiptToken != null && !receiptToken.isBlank();
        if (tokenSent && !ReceiptToken.matches(receiptToken, request.receiptTokenHash())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "That receipt token is not the one of request " + number
                    + ". The public view needs none.");
        }
        boolean reporter = tokenSent || request.belongsTo(caller);
        CatalogService.View names = catalog.view(lang, acceptLanguage, read.versions().catalog());
        boolean onTime = request.onTime(clock.instant());
        // Named by the tracking number, never the row id: the id would tell how many requests the city has.
        String etag = EntityTags.of(number.value() + "." + request.version() + "-c" + names.version()
                + "-j" + read.versions().jurisdiction() + "-" + names.language()
                + (reporter ? "-r" : "-p") + (read.rated() ? "-rated" : "") + (onTime ? "" : "-late"));
        ServiceRequestStatus body = EntityTags.matches(ifNoneMatch, etag) ? null
                : render(request, names, read.versions().jurisdiction(), reporter, onTime);
        return new View(etag, names.language(), reporter, () -> body);
    }

    private ServiceRequestStatus render(StoredRequest r, CatalogService.View names, long jurisdictionVersion,
                                        boolean reporter, boolean onTime) {
        String language = names.language();
        Optional<Catalog.Service> service = names.catalog().service(r.serviceCode());
        PrivacyClass privacy = names.catalog().privacy(r.serviceCode());
        Department department = department(names.catalog(), r.departmentCode(), language);
        List<DistrictRef> districts = jurisdiction.districts(r.districts(), language, jurisdictionVersion);
        record History(List<RequestEvent> events, List<PhotoRef> publicPhotos, List<PhotoRef> allPhotos,
                       Optional<Rating> rating) {
        }
        History history = transactions.executeRead(s -> new History(requests.events(r.id(), true),
                photos.refs(r.id(), r.trackingNumber().value(), true),
                reporter ? photos.refs(r.id(), r.trackingNumber().value(), false) : List.of(),
                reporter ? ratings.of(r.id(), r.trackingNumber()) : Optional.empty()));
        // Every time shown goes through the policy, as in the published dataset: a sensitive class
        // shows dates only, or the status page would give back the hour the dataset leaves out.
        ZoneId city = names.catalog().calendar().zone();
        Function<Instant, ZonedDateTime> time = at -> policy.time(at, privacy, city).atZone(ZoneOffset.UTC);
        List<TimelineEvent> timeline = history.events().stream().map(e -> event(e, time.apply(e.at()), names.catalog(),
                language, policy.note(e.note(), privacy, r.contactName()).orElse(null))).toList();
        ServiceRequestStatus status = new ServiceRequestStatus(r.trackingNumber().value(), language,
                new ServiceRef(r.serviceCode(), service.map(s -> s.name().in(language)).orElse(r.serviceCode())),
                r.status(), department, districts, time.apply(r.receivedAt()), time.apply(r.updatedAt()),
                time.apply(r.expectedAt()), onTime, r.meToo(), timeline, history.publicPhotos());
        status.setDistrict(districts.isEmpty() ? null : districts.get(0));
        status.setLocation(policy.location(r.location(), privacy).orElse(null));
        status.setDescription(policy.description(r.description(), privacy, r.contactName(), r.reporterErased())
                .orElse(null));
        if (r.closedAt() != null) {
            status.setClosedAt(time.apply(r.closedAt()));
        }
        if (reporter) {
            ReportedLocation exact = new ReportedLocation(r.location().lat(), r.location().lon());
            exact.setAccuracyM(r.accuracyMetres());
            exact.setDescription(r.locationText());
            ReporterDetails details = new ReporterDetails(exact, r.answers(), r.language(), r.channel(),
                    history.allPhotos());
            details.setDescription(r.description());
            details.setRating(history.rating().orElse(null));
            status.setReporter(details);
        }
        return status;
    }

    private static TimelineEvent event(RequestEvent e, ZonedDateTime at, Catalog catalog, String language,
                                       String publicNote) {
        TimelineEvent event = new TimelineEvent(e.kind(), at, e.status(),
                StoredRequests.title(e.kind(), e.data(), language, code -> catalog.departmentName(code, language)));
        event.setNote(publicNote);
        return event;
    }

    private static Department department(Catalog catalog, String code, String language) {
        return new Department(code, catalog.departmentName(code, language));
    }
}
