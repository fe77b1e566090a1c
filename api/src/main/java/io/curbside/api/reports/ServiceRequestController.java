package io.curbside.api.reports;

import io.curbside.api.accounts.Actor;
import io.curbside.api.accounts.Actors;
import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.photos.PhotoStore;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.status.StatusService;
import io.curbside.api.support.EntityTags;
import io.curbside.contract.api.RequestsApi;
import io.curbside.contract.model.MeToo;
import io.curbside.contract.model.MeTooRequest;
import io.curbside.contract.model.NearbyRequests;
import io.curbside.contract.model.NewServiceRequest;
import io.curbside.contract.model.PhotoSize;
import io.curbside.contract.model.ServiceRequestCreated;
import io.curbside.contract.model.ServiceRequestStatus;
import io.curbside.geo.LatLon;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.types.files.FileCustomizableResponseType;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.reactivestreams.Publisher;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The routes of reporting and following a request, as the contract declares them. They read
 * bodies, decode photos and talk to the database, so they run off the event loop.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ServiceRequestController implements RequestsApi {

    private final IntakeService intake;
    private final MeTooService meToo;
    private final MultipartReport multipart;
    private final StatusService status;
    private final NearbyFinder nearby;
    private final CatalogService catalog;
    private final PhotoAccess photoAccess;
    private final Clock clock;
    private final Actors actors;

    ServiceRequestController(IntakeService intake, MeTooService meToo, MultipartReport multipart, StatusService status, NearbyFinder nearby,
                             CatalogService catalog, PhotoAccess photoAccess, Clock clock, Actors actors) {
        this.intake = intake;
        this.meToo = meToo;
        this.multipart = multipart;
        this.status = status;
        this.nearby = nearby;
        this.catalog = catalog;
        this.photoAccess = photoAccess;
        this.clock = clock;
        this.actors = actors;
    }

    /** The signed-in caller's account; null for the anonymous public (an invalid token counts as none here). */
    private UUID caller() {
        return actors.current().map(Actor::accountId).orElse(null);
    }

    /** A signed-in resident's report is theirs from the start; anyone else's is anonymous until claimed. */
    private Filer filer() {
        UUID account = caller();
        return account == null ? Filer.ANONYMOUS : Filer.resident(account);
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<ServiceRequestCreated> createServiceRequest(NewServiceRequest report, String idempotencyKey,
                                                                    String acceptLanguage,
                                                                    Publisher<CompletedFileUpload> photos) {
        return intake.file(report, multipart.photos(photos), filer(), idempotencyKey, acceptLanguage).response();
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<ServiceRequestCreated> createServiceRequest_1(String idempotencyKey, String acceptLanguage,
                                                                      NewServiceRequest report) {
        return intake.file(report, List.of(), filer(), idempotencyKey, acceptLanguage).response();
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<NearbyRequests> findNearbyRequests(String serviceCode, Double lat, Double lon, Integer radius,
                                                          Integer days, String lang, String acceptLanguage) {
        CatalogService.View view = catalog.view(lang, acceptLanguage);
        Catalog.Service service = view.catalog().service(serviceCode).orElseThrow(() ->
                ProblemException.notFound("There is no service with the code \"" + serviceCode + "\"."));
        int r = radius == null ? nearby.defaultRadius() : radius;
        int d = days == null ? nearby.defaultDays() : days;
        NearbyRequests found = new NearbyRequests(view.language(), r, d,
                nearby.search(service, new LatLon(lat, lon), r, d, view.language(), clock.instant()));
        return HttpResponse.ok(found).header(HttpHeaders.CONTENT_LANGUAGE, view.language())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<ServiceRequestStatus> getServiceRequest(String trackingNumber, String receiptToken,
                                                                String ifNoneMatch, String lang, String acceptLanguage) {
        StatusService.View view = status.view(trackingNumber, receiptToken, caller(), lang, acceptLanguage, ifNoneMatch);
        // Status changes at any moment: always revalidate, which the ETag makes nearly free.
        return EntityTags.answer(ifNoneMatch, view.etag(), view.language(), view.body())
                .header(HttpHeaders.CACHE_CONTROL, view.personal() ? "private, no-cache" : "no-cache")
                .header(HttpHeaders.VARY, "Accept-Language, Accept-Encoding, Receipt-Token, Authorization");
    }

    @Override
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<MeToo> addMeToo(String trackingNumber, String idempotencyKey, MeTooRequest meTooRequest) {
        return meToo.add(trackingNumber, meTooRequest, caller(), idempotencyKey).response();
    }

    @Override
    public HttpResponse<FileCustomizableResponseType> getRequestPhoto(String trackingNumber, String photoId,
                                                                      PhotoSize size, String receiptToken,
                                                                      String ifNoneMatch) {
        PhotoAccess.Granted granted = photoAccess.open(trackingNumber, photoId, size, receiptToken, caller());
        String etag = "\"" + photoId + "-" + size.getValue() + "\"";
        // A public photo may sit in shared caches, but staff may yet withdraw it (a face, a licence plate), so those
        // keep it a day, not for ever. A private one is the reporter's alone: its answer, asked for with their
        // Receipt-Token or token, is stored nowhere (PersonalAnswers says no-store); its ETag still saves the bytes.
        String cache = granted.isPublic() ? "public, max-age=86400" : "no-store";
        MutableHttpResponse<FileCustomizableResponseType> response;
        if (EntityTags.matches(ifNoneMatch, etag)) {
            granted.close();
            response = EntityTags.notModified(etag);
        } else {
            PhotoStore.StoredFile file = granted.file();
            response = HttpResponse.ok(new StreamedFile(file.content(), MediaType.IMAGE_JPEG_TYPE, 0, file.length()));
            response.header(HttpHeaders.ETAG, etag);
        }
        return response.header(HttpHeaders.CACHE_CONTROL, cache).header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.VARY, "Receipt-Token");
    }
}
