package io.curbside.api.published;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the data dictionary says of each published field beyond what {@code opendata.query.Queryables}
 * gives (type and description of the fields a filter may name): whether it may be null, the type and
 * description of the fields that are not queryables, and how the field is generalized. One entry per
 * name of {@link PublishedForm#PROPERTIES}, no more, no fewer, in its order: a field added there without a
 * word here fails this class's loading, and so the data dictionary and its test.
 */
public final class PublishedFields {

    /** How a field's value is made coarser than the city's own record before it is published. */
    public enum Generalization {
        /** Published as the city records it. */
        NONE,
        /** A time: the date only (midnight of the city's day) where the service's class publishes dates. */
        TIME,
        /** The size of the cell the point was snapped to. */
        CELL,
        /** Free text: only where the class publishes text, and scrubbed. */
        TEXT,
        /** A count of residents' acts: none where the service's class publishes dates only. */
        COUNT,
        /** Only photos staff made public. */
        PHOTOS,
        /** A block range, never a house number. */
        ADDRESS
    }

    /**
     * @param nullable    whether a live row may hold null
     * @param type        the JSON Schema type, where the field is not a queryable (else null: the queryable's)
     * @param format      its JSON Schema format, likewise
     * @param description what it holds, where the field is not a queryable (else null: the queryable's)
     * @param filter      the name a filter uses for it, where that is not the field's own name
     */
    public record Note(boolean nullable, String type, String format, String description, Generalization generalization,
                       String filter) {
    }

    private static final Map<String, Note> NOTES = new LinkedHashMap<>();

    static {
        note("tracking_number", false, Generalization.NONE);
        note("service_code", false, Generalization.NONE);
        note("service_name", false, Generalization.NONE);
        note("department", true, Generalization.NONE);
        NOTES.put("districts", new Note(true, "object", null, "the district it lies in, in each layer of the city: "
                + "layer code → district code (the layers are the other collections of /ogc)", Generalization.NONE, "district"));
        note("status", false, Generalization.NONE);
        note("status_detail", true, Generalization.NONE);
        note("received_at", false, Generalization.TIME);
        note("updated_at", false, Generalization.TIME);
        note("closed_at", true, Generalization.TIME);
        note("expected_at", true, Generalization.TIME);
        note("on_time", true, Generalization.NONE);
        note("me_too_count", true, Generalization.COUNT);
        note("channel", true, Generalization.NONE);
        note("location_precision_m", true, Generalization.CELL);
        note("description", true, Generalization.TEXT);
        NOTES.put("photo_urls", new Note(true, "array", "uri", "the addresses of its public photos, at display size",
                Generalization.PHOTOS, null));
        note("address", true, Generalization.ADDRESS);
        if (!List.copyOf(NOTES.keySet()).equals(PublishedForm.PROPERTIES)) {
            throw new IllegalStateException("PublishedFields describes " + NOTES.keySet() + " but PublishedForm publishes "
                    + PublishedForm.PROPERTIES + ": describe every published field, in the same order");
        }
    }

    private PublishedFields() {
    }

    private static void note(String name, boolean nullable, Generalization generalization) {
        NOTES.put(name, new Note(nullable, null, null, null, generalization, null));
    }

    /** The note of each published field, in the order of {@link PublishedForm#PROPERTIES}. */
    public static Map<String, Note> all() {
        return Collections.unmodifiableMap(NOTES);
    }
}
