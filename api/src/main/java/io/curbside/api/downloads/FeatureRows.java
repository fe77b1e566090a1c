package io.curbside.api.downloads;

import io.curbside.api.published.PublishedForm;
import io.curbside.api.published.PublishedRow;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Published rows as GeoJSON features, each exactly as the OGC items of {@code service-requests} show it (id the
 * tracking number, the generalized point, the published properties), written one by one: inside one
 * FeatureCollection, or one feature per line (NDJSON).
 */
final class FeatureRows {

    private static final byte[] COLLECTION_START = "{\"type\":\"FeatureCollection\",\"features\":[\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COLLECTION_END = "]}\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = ",\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final PublishedForm form;
    private final JsonMapper json;
    private final boolean collection;
    private boolean first = true;

    /** {@code collection}: one FeatureCollection; else one feature per line. */
    FeatureRows(OutputStream out, PublishedForm form, JsonMapper json, boolean collection) {
        this.out = out;
        this.form = form;
        this.json = json;
        this.collection = collection;
    }

    public void start() throws IOException {
        if (collection) {
            out.write(COLLECTION_START);
        }
    }

    public void row(PublishedRow row) throws IOException {
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", "Feature");
        feature.put("id", row.trackingNumber());
        feature.put("geometry", form.geometry(row));
        feature.put("properties", form.properties(row));
        if (collection && !first) {
            out.write(SEPARATOR);
        }
        first = false;
        out.write(json.writeValueAsBytes(feature));
        if (!collection) {
            out.write('\n');
        }
    }

    public void end() throws IOException {
        if (collection) {
            if (!first) {
                out.write('\n');
            }
            out.write(COLLECTION_END);
        }
        out.flush();
    }
}
