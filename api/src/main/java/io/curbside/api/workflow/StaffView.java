package io.curbside.api.workflow;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.opendata.PublicationPolicy;
import io.curbside.api.photos.PhotoService;
import io.curbside.contract.model.Channel;
import io.curbside.contract.model.CloseReason;
import io.curbside.contract.model.PrivacyClass;
import io.curbside.contract.model.ReportedLocation;
import io.curbside.contract.model.ServiceRef;
import io.curbside.contract.model.ServiceRequestStatusCode;
import io.curbside.contract.model.StaffContact;
import io.curbside.contract.model.StaffEvent;
import io.curbside.contract.model.StaffRequest;
import io.curbside.contract.model.StaffRequestSummary;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/** Renders requests for staff: everything, private fields included, never for a public route. */
@Singleton
class StaffView {

    private final CatalogService catalog;
    private final PhotoService photos;
    private final PublicationPolicy policy;

    StaffView(CatalogService catalog, PhotoService photos, PublicationPolicy policy) {
        this.catalog = catalog;
        this.photos = photos;
        this.policy = policy;
    }

    /** The strong ETag of a request version, for If-Match. */
    static String etag(long version) {
        return "\"v" + version + '"';
    }

    StaffRequestSummary summary(StaffRepository.Summary s, Catalog names, Instant now) {
        StaffRequestSummary summary = new StaffRequestSummary(s.trackingNumber(), service(names, s.serviceCode()),
                s.status(), s.department(), utc(s.receivedAt()), utc(s.expectedAt()), overdue(s, now),
                location(s), s.meToo(), s.version());
        summary.setDistrict(s.district());
        summary.setClosedAt(utc(s.closedAt()));
        return summary;
    }

    StaffRequest full(StaffRepository.Detail d, List<StaffRepository.Entry> history, Instant now) {
        StaffRepository.Summary s = d.summary();
        Catalog names = catalog.view("en", null).catalog();
        PrivacyClass privacy = names.privacy(s.serviceCode());
        List<StaffEvent> events = history.stream().map(e -> event(e, e.isPublic()
                ? policy.note(e.note(), privacy, d.contactName(), d.reporterErased()).orElse(null) : null)).toList();
        StaffRequest request = new StaffRequest(s.trackingNumber(), service(names, s.serviceCode()), s.status(),
                s.department(), utc(s.receivedAt()), utc(s.expectedAt()), overdue(s, now), location(s), s.meToo(),
                s.version(), d.answers(), d.language(), Channel.fromValue(d.channel()), events,
                photos.refs(s.id(), s.trackingNumber(), false));
        request.setDistrict(s.district());
        request.setClosedAt(utc(s.closedAt()));
        request.setDescription(d.description());
        if (d.contactName() != null || d.contactEmail() != null || d.contactPhone() != null || d.contactConsent() != null) {
            StaffContact contact = new StaffContact();
            contact.setName(d.contactName());
            contact.setEmail(d.contactEmail());
            contact.setPhone(d.contactPhone());
            contact.setConsentToContact(d.contactConsent());
            request.setContact(contact);
        }
        request.setFiledBy(d.filedBy());
        request.setCloseReason(d.closeReason() == null ? null : CloseReason.fromValue(d.closeReason()));
        request.setResponsibleParty(d.responsibleParty());
        request.setDuplicateOf(d.duplicateOf());
        request.setSuspectedDuplicateOf(d.suspectedDuplicateOf());
        return request;
    }

    /** An entry as staff see it, with what the public reads of its note beside the note as written. */
    private static StaffEvent event(StaffRepository.Entry e, String publicNote) {
        StaffEvent event = new StaffEvent(e.id(), e.kind(), e.status(), e.isPublic(), e.data(), utc(e.at()));
        event.setNote(e.note());
        event.setPublicNote(publicNote);
        event.setActor(e.actor());
        event.setActorName(e.actorName());
        return event;
    }

    private static boolean overdue(StaffRepository.Summary s, Instant now) {
        return s.status() != ServiceRequestStatusCode.CLOSED && now.isAfter(s.expectedAt());
    }

    private static ReportedLocation location(StaffRepository.Summary s) {
        ReportedLocation location = new ReportedLocation(s.location().lat(), s.location().lon());
        location.setAccuracyM(s.accuracyMetres());
        location.setDescription(s.locationText());
        return location;
    }

    private static ServiceRef service(Catalog names, String code) {
        return new ServiceRef(code, names.service(code).map(x -> x.name().in("en")).orElse(code));
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant == null ? null : instant.atZone(ZoneOffset.UTC);
    }
}
