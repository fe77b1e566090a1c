package io.curbside.api.opendata;

import io.curbside.api.requests.RequestEvent;
import io.curbside.api.support.PublicUrls;
import io.curbside.contract.model.Department;
import io.curbside.contract.model.DistrictRef;
import io.curbside.contract.model.GeneralizedLocation;
import io.curbside.contract.model.NearbyRequest;
import io.curbside.contract.model.PhotoRef;
import io.curbside.contract.model.ServiceRef;
import io.curbside.contract.model.ServiceRequestStatus;
import io.curbside.contract.model.ServiceRequestStatusCode;
import io.curbside.contract.model.TimelineEvent;
import io.curbside.contract.model.Update;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every answer that carries a request to the public, built from its one public form: the status
 * page, a nearby listing, an entry of the updates feed, a webhook's body. What the public gets of
 * a request is here and in {@link RequestProjector}, nowhere else (an ArchUnit rule holds the
 * contract's answer types to this package). Callers add only the names in the reader's language
 * and, for the status page, the reporter's own view.
 */
@Singleton
public class PublicAnswers {

    /** As the webhook trigger wrote times before (V6's to_char): milliseconds, always three digits, UTC. */
    private static final DateTimeFormatter WEBHOOK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final PublicUrls urls;
    private final ObjectMapper json;

    PublicAnswers(PublicUrls urls, ObjectMapper json) {
        this.urls = urls;
        this.json = json;
    }

    /** The public status page; its times, place and text are the public form's, its timeline built by {@link #event}. */
    public ServiceRequestStatus status(PublicView view, String language, String serviceName, Department department,
                                      List<DistrictRef> districts, boolean onTime, List<TimelineEvent> timeline,
                                      List<PhotoRef> photos) {
        PublicRequest p = view.request();
        ServiceRequestStatus status = new ServiceRequestStatus(p.trackingNumber(), language,
                new ServiceRef(p.serviceCode(), serviceName), ServiceRequestStatusCode.fromValue(p.status()), department,
                districts, utc(p.receivedAt()), utc(p.updatedAt()), utc(p.expectedAt()), onTime, timeline, photos);
        status.setMeToo(p.meTooCount());
        status.setDistrict(districts.isEmpty() ? null : districts.get(0));
        status.setLocation(place(p));
        status.setDescription(p.description());
        status.setClosedAt(p.closedAt() == null ? null : utc(p.closedAt()));
        return status;
    }

    /** One public event of a request's timeline: its time and note as the request's class publishes them. */
    public TimelineEvent event(PublicView view, RequestEvent e, String title) {
        TimelineEvent event = new TimelineEvent(e.kind(), utc(view.time(e.at())), e.status(), title);
        event.setNote(view.note(e.note()).orElse(null));
        return event;
    }

    /**
     * A request in a nearby listing, {@code metres} from the searched point: read from the published
     * dataset, so its point is the one the current policy published.
     */
    public NearbyRequest nearby(PublicRequest p, String serviceName, int metres) {
        return new NearbyRequest(p.trackingNumber(), urls.request(p.trackingNumber()),
                new ServiceRef(p.serviceCode(), serviceName), ServiceRequestStatusCode.fromValue(p.status()),
                utc(p.receivedAt()), place(p), metres).meToo(p.meTooCount());
    }

    /** An entry of a follower's updates feed: a public event, at the time and with the note its class publishes. */
    public Update update(PublicView view, String kind, ServiceRequestStatusCode status, String title, Instant at,
                         String typedNote) {
        String number = view.request().trackingNumber();
        Update update = new Update(number, urls.request(number), kind, status, title, utc(view.time(at)));
        update.setNote(view.note(typedNote).orElse(null));
        return update;
    }

    /**
     * A webhook's body for a public event of a request, in the shape (and field order) V6's trigger
     * wrote: the tracking number, service and department of the public form, the event's kind,
     * status, note as the public reads it, and its time as the class publishes it.
     */
    public String webhook(PublicView view, String kind, String status, Instant at, String typedNote) {
        PublicRequest p = view.request();
        String time = WEBHOOK_TIME.format(view.time(at));
        Map<String, JsonNode> data = new LinkedHashMap<>();
        data.put("at", JsonNode.createStringNode(time));
        data.put("note", view.note(typedNote).map(JsonNode::createStringNode).orElse(JsonNode.nullNode()));
        data.put("event", JsonNode.createStringNode(kind));
        data.put("status", text(status));
        data.put("service_code", text(p.serviceCode()));
        data.put("department_code", text(p.department()));
        data.put("tracking_number", JsonNode.createStringNode(p.trackingNumber()));
        Map<String, JsonNode> body = new LinkedHashMap<>();
        body.put("data", JsonNode.createObjectNode(data));
        body.put("type", JsonNode.createStringNode("service_request." + kind));
        body.put("timestamp", JsonNode.createStringNode(time));
        try {
            return json.writeValueAsString(JsonNode.createObjectNode(body));
        } catch (IOException e) {
            throw new UncheckedIOException("a webhook body could not be written", e);
        }
    }

    private static JsonNode text(String value) {
        return value == null ? JsonNode.nullNode() : JsonNode.createStringNode(value);
    }

    private static GeneralizedLocation place(PublicRequest p) {
        return p.latitude() == null ? null : new GeneralizedLocation(p.latitude(), p.longitude(), p.precisionMetres());
    }

    private static ZonedDateTime utc(Instant at) {
        return at == null ? null : at.atZone(ZoneOffset.UTC);
    }
}
