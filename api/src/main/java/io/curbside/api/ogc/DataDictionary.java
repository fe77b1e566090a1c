package io.curbside.api.ogc;

import io.curbside.api.catalog.Catalog;
import io.curbside.api.catalog.CatalogService;
import io.curbside.api.opendata.PublicationPolicy;
import io.curbside.api.opendata.TextScrubber;
import io.curbside.api.opendata.query.Queryables;
import io.curbside.api.published.PublishedFields;
import io.curbside.api.published.PublishedForm;
import io.curbside.api.support.PublicUrls;
import io.curbside.contract.model.GeneralizedLocation;
import io.curbside.contract.model.PrivacyClass;
import io.curbside.geo.LatLon;
import jakarta.inject.Singleton;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data dictionary of the published requests, what a journalist cites: every field of
 * {@link PublishedForm#PROPERTIES} with its type (from {@link Queryables}), whether it may be null, what it
 * holds and how it is generalized ({@link PublishedFields}), and the privacy rules as this city runs them:
 * the cell sizes and what each class publishes are asked of {@link PublicationPolicy}, the classes of the
 * services of the catalog, so no number or list here is written by hand.
 */
@Singleton
class DataDictionary {

    static final String PATH = "/v1/opendata/dictionary";
    /** Any point: the policy is asked what it publishes of one, for each class. */
    private static final LatLon ANY_POINT = new LatLon(0.001, 0.001);

    /** What no open route publishes, whatever the class: the promise the privacy sweep tests. */
    static final List<String> NEVER_PUBLISHED = List.of(
            "the reporter's identity: name, account, and whether they were signed in",
            "contact details: e-mail addresses and phone numbers, the reporter's or a neighbour's a liaison filed for",
            "device ids of phones and apps",
            "account ids, and the ids of rows in the city's database",
            "the exact point reported: only the centre of its cell, or nothing",
            "house numbers and the reporter's own words about where (\"the blue door\")",
            "the answers to a service's questions",
            "photos staff have not made public, and every photo's metadata (location, camera)",
            "staff notes: internal ones never; one staff mark public shows only on the request's status page, "
                    + "scrubbed, and only for the open class",
            "for withheld services, anything at all: their requests are not in the dataset");

    private final PublicationPolicy policy;
    private final CatalogService catalog;
    private final PublicUrls urls;

    DataDictionary(PublicationPolicy policy, CatalogService catalog, PublicUrls urls) {
        this.policy = policy;
        this.catalog = catalog;
        this.urls = urls;
    }

    Map<String, Object> document(OgcFormat format) {
        Catalog current = catalog.view(null, null).catalog();
        Map<String, Object> dictionary = new LinkedHashMap<>();
        dictionary.put("title", "Data dictionary: service requests");
        dictionary.put("description", "The fields of the city's published 311 requests (the OGC API collection "
                + PublishedRequestSource.ID + "), how each is generalized, and the privacy rules they are published under. "
                + "Each request is a GeoJSON feature whose id is its tracking number, whose geometry is the point "
                + "below and whose properties are these fields, in this order.");
        dictionary.put("collection", PublishedRequestSource.ID);
        dictionary.put("fields", fields(current.calendar().zone()));
        dictionary.put("geometry", geometry());
        dictionary.put("privacy_classes", classes(current));
        dictionary.put("scrubbed_from_text", scrubber());
        dictionary.put("never_published", NEVER_PUBLISHED);
        dictionary.put("links", links(format));
        return dictionary;
    }

    private List<Map<String, Object>> fields(ZoneId city) {
        List<Map<String, Object>> fields = new ArrayList<>();
        PublishedFields.all().forEach((name, note) -> {
            Optional<Queryables.Queryable> queryable = Queryables.PUBLISHED_REQUEST.find(name);
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", name);
            if (queryable.isPresent()) {
                field.putAll(Queryables.schemaType(queryable.get()));
            } else {
                field.put("type", note.type());
                if (note.format() != null) {
                    field.put("format", note.format());
                }
            }
            field.put("nullable", note.nullable());
            field.put("description", queryable.map(Queryables.Queryable::description).orElse(note.description()));
            field.put("generalization", generalization(note.generalization(), city));
            String filter = note.filter() != null ? note.filter() : queryable.map(Queryables.Queryable::name).orElse(null);
            field.put("filter", filter);
            fields.add(field);
        });
        return fields;
    }

    private Map<String, Object> geometry() {
        Map<String, Object> geometry = new LinkedHashMap<>();
        geometry.put("type", "Point");
        geometry.put("crs", OgcDocuments.CRS84);
        geometry.put("nullable", true);
        geometry.put("description", "where it was reported, as the centre of a cell of the grid; null where the class "
                + "withholds the place. Filter with bbox or S_INTERSECTS(geometry, …).");
        geometry.put("generalization", "Snapped to the centre of the cell of a fixed grid that holds the reported point: "
                + cells() + ". Every point of a cell publishes the same centre, on every day and every route, so "
                + "nothing can be averaged back out; the reported point itself is never published.");
        return geometry;
    }

    private String generalization(PublishedFields.Generalization kind, ZoneId city) {
        return switch (kind) {
            case NONE -> null;
            case TIME -> "For " + names(classesWhere(policy::datesOnly)) + " services, the date only: midnight of the "
                    + "day it happened in the city's time zone (" + city + "), as the hour of a report can tell who made "
                    + "it. Others to the instant.";
            case CELL -> "The side of the cell the point was snapped to, in metres: " + cells() + ".";
            case TEXT -> "Published only for " + names(classesWhere(this::publishesText)) + " services, scrubbed of "
                    + "contact details, places and names (see scrubbed_from_text); null for other classes. When a reporter "
                    + "deletes their account, their words are scrubbed of their name first, so the text stays as it was.";
            case COUNT -> "Null for " + names(classesWhere(policy::datesOnly)) + " services: the count going up would "
                    + "tell the minute a resident acted.";
            case PHOTOS -> "Only photos staff made public, at display size, stripped of their metadata; an empty "
                    + "list where there are none.";
            case ADDRESS -> "The block it lies on, as a range (\"1200 block of Elm St\"), never a house number; null "
                    + "where no address is published.";
        };
    }

    /** The cell size of each class that publishes a place, and the classes that publish none. */
    private String cells() {
        List<String> parts = new ArrayList<>();
        for (PrivacyClass privacy : PrivacyClass.values()) {
            cell(privacy).ifPresentOrElse(m -> parts.add(m + " m for " + privacy.getValue()),
                    () -> parts.add("none for " + privacy.getValue()));
        }
        return String.join(", ", parts);
    }

    private List<Map<String, Object>> classes(Catalog current) {
        List<Map<String, Object>> classes = new ArrayList<>();
        for (PrivacyClass privacy : PrivacyClass.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("class", privacy.getValue());
            entry.put("published", policy.published(privacy));
            entry.put("cell_m", cell(privacy).orElse(null));
            entry.put("times", !policy.published(privacy) ? null : policy.datesOnly(privacy) ? "date" : "instant");
            entry.put("description_published", publishesText(privacy));
            entry.put("summary", summary(privacy));
            entry.put("services", current.services().stream().filter(s -> s.privacy() == privacy)
                    .map(s -> Map.of("code", s.code(), "name", s.name().in("en"))).toList());
            classes.add(entry);
        }
        return classes;
    }

    private String summary(PrivacyClass privacy) {
        if (!policy.published(privacy)) {
            return "Nothing is published: its requests are not in the dataset.";
        }
        return "Published, the point on a grid of " + cell(privacy).map(m -> m + " m").orElse("no") + " cells, "
                + (policy.datesOnly(privacy) ? "times to the date, " : "times to the instant, ")
                + (publishesText(privacy) ? "the description scrubbed." : "no description.");
    }

    private Optional<Integer> cell(PrivacyClass privacy) {
        return policy.location(ANY_POINT, privacy).map(GeneralizedLocation::getPrecisionM);
    }

    private boolean publishesText(PrivacyClass privacy) {
        return policy.text("text", privacy, List.of()).isPresent();
    }

    private static List<PrivacyClass> classesWhere(java.util.function.Predicate<PrivacyClass> rule) {
        return java.util.Arrays.stream(PrivacyClass.values()).filter(rule).toList();
    }

    private static String names(List<PrivacyClass> classes) {
        return classes.isEmpty() ? "no" : String.join(" and ", classes.stream().map(PrivacyClass::getValue).toList());
    }

    private static List<Map<String, Object>> scrubber() {
        List<Map<String, Object>> removes = new ArrayList<>();
        TextScrubber.REMOVES.forEach((marker, what) -> removes.add(Map.of("marker", marker, "removes", what)));
        return removes;
    }

    private List<Map<String, Object>> links(OgcFormat format) {
        String json = urls.of(PATH) + "?f=json";
        String html = urls.of(PATH) + "?f=html";
        String items = urls.of(OgcDocuments.BASE + OgcDocuments.collectionPath(PublishedRequestSource.ID));
        List<Link> links = new ArrayList<>(format == OgcFormat.HTML
                ? List.of(new Link(html, "self", Link.HTML, "this dictionary, as HTML"),
                        new Link(json, "alternate", Link.JSON, "this dictionary, as JSON"))
                : List.of(new Link(json, "self", Link.JSON, "this dictionary, as JSON"),
                        new Link(html, "alternate", Link.HTML, "this dictionary, as HTML")));
        links.add(new Link(items + "/items?f=json", "items", Link.GEOJSON, "the service requests, as GeoJSON"));
        links.add(new Link(items + "/queryables?f=json", "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                "application/schema+json", "the fields a filter may use"));
        links.add(new Link(urls.of(OgcDocuments.BASE) + "?f=html", "start", Link.HTML, "the open data's landing page"));
        return links.stream().map(Link::toJson).toList();
    }
}
