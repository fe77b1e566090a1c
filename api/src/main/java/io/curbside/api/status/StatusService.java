package io.curbside.api.status;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.following.Ratings;
import io.curbside.api.jurisdiction.JurisdictionService;
import io.curbside.api.opendata.PublicAnswers;
import io.curbside.api.opendata.PublicRequests;
import io.curbside.api.opendata.PublicView;
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
import io.curbside.contract.model.Rating;
import io.curbside.contract.model.ReportedLocation;
import io.curbside.contract.model.ReporterDetails;
import io.curbside.contract.model.ServiceRequestStatus;
import io.curbside.contract.model.TimelineEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** A request's lifecycle and history: records what happens to it, and shows it to the public and the reporter. */
@Singleton
public class StatusService {

    private final StoredRequests requests;
    private final CatalogService catalog;
    private final JurisdictionService jurisdiction;
    private final PublicRequests publicRequests;
    private final PublicAnswers answers;
    private final PhotoService photos;
    private final Ratings ratings;
    private final DataVersionRepository versions;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public StatusService(StoredRequests requests, CatalogService catalog, JurisdictionService jurisdiction,
                         PublicRequests publicRequests, PublicAnswers answers, PhotoService photos, Ratings ratings, DataVersionRepository versions,
                         TransactionOperations<Connection> transactions, Clock clock) {
        this.requests = requests;
        this.catalog = catalog;
        this.jurisdiction = jurisdiction;
        this.publicRequests = publicRequests;
        this.answers = answers;
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
        Department department = department(names.catalog(), r.departmentCode(), language);
        List<DistrictRef> districts = jurisdiction.districts(r.districts(), language, jurisdictionVersion);
        record History(PublicView view, List<RequestEvent> events, List<PhotoRef> publicPhotos, List<PhotoRef> allPhotos,
                       Optional<Rating> rating) {
        }
        // The public part is the one public form (opendata.PublicAnswers), projected from the row read
        // here: a sensitive class shows dates only and no text, as in the published dataset.
        History history = transactions.executeRead(s -> new History(
                publicRequests.view(r.id()).orElseThrow(() -> ProblemException.notFound("There is no request "
                        + r.trackingNumber() + ".")),
                requests.events(r.id(), true),
                photos.refs(r.id(), r.trackingNumber().value(), true),
                reporter ? photos.refs(r.id(), r.trackingNumber().value(), false) : List.of(),
                reporter ? ratings.of(r.id(), r.trackingNumber()) : Optional.empty()));
        List<TimelineEvent> timeline = history.events().stream().map(e -> answers.event(history.view(), e,
                StoredRequests.title(e.kind(), e.data(), language,
                        code -> names.catalog().departmentName(code, language)))).toList();
        ServiceRequestStatus status = answers.status(history.view(), language,
                service.map(s -> s.name().in(language)).orElse(r.serviceCode()), department, districts, onTime,
                timeline, history.publicPhotos());
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

    private static Department department(Catalog catalog, String code, String language) {
        return new Department(code, catalog.departmentName(code, language));
    }
}
