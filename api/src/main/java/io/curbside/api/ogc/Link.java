package io.curbside.api.ogc;

import java.util.LinkedHashMap;
import java.util.Map;

/** A link of OGC API (link.yaml): where, how it relates, its media type and a title a person reads. */
record Link(String href, String rel, String type, String title) {

    static final String JSON = "application/json";
    static final String GEOJSON = "application/geo+json";
    static final String HTML = "text/html";
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("href", href);
        json.put("rel", rel);
        json.put("type", type);
        json.put("title", title);
        return json;
    }
}
