package io.curbside.api.tiles;

import io.curbside.api.jurisdiction.JurisdictionService;
import io.curbside.api.support.PublicUrls;
import io.curbside.api.tiles.TileFilters.TileFilter;
import io.curbside.geo.Bbox;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TileJSON 3.0.0 document of the service-requests tiles: the tile URL with the filters asked (so a map
 * given this document draws the filtered tiles), the zooms served, the city's bounds, and each layer's fields.
 */
@Singleton
class TileJson {

    static final String PATH = "/tiles/service-requests";
    /** Web Mercator's world, where no jurisdiction is loaded. */
    private static final List<Double> WORLD = List.of(-180.0, -85.0511, 180.0, 85.0511);

    private final TileSettings settings;
    private final PublicUrls urls;
    private final JurisdictionService jurisdictions;

    TileJson(TileSettings settings, PublicUrls urls, JurisdictionService jurisdictions) {
        this.settings = settings;
        this.urls = urls;
        this.jurisdictions = jurisdictions;
    }

    Map<String, Object> document(TileFilter filter) {
        var city = jurisdictions.loaded().map(JurisdictionService.Current::jurisdiction);
        List<Double> bounds = city.map(j -> Bbox.of(j.boundary()).toList()).orElse(WORLD);
        String name = city.map(j -> j.name().in("en")).orElse("the city");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tilejson", "3.0.0");
        doc.put("name", "Service requests");
        doc.put("description", "311 service requests of " + name + " as published: aggregated cells (layer \""
                + TileRepository.CELLS + "\") below zoom " + settings.pointsFromZoom() + ", the requests themselves"
                + " (layer \"" + TileRepository.REQUESTS + "\") from it. A cell leaves out a sensitive service it has"
                + " fewer than " + settings.minCellCount() + " requests of. An empty tile is answered 204.");
        doc.put("version", "1.0.0");
        doc.put("attribution", "Service requests: " + name + " 311 open data");
        doc.put("scheme", "xyz");
        doc.put("tiles", List.of(urls.of(PATH + "/{z}/{x}/{y}.mvt") + query(filter)));
        doc.put("minzoom", settings.minZoom());
        doc.put("maxzoom", settings.maxZoom());
        doc.put("bounds", bounds);
        int centreZoom = Math.max(settings.minZoom(), Math.min(settings.maxZoom(), 11));
        doc.put("center", List.of((bounds.get(0) + bounds.get(2)) / 2, (bounds.get(1) + bounds.get(3)) / 2, centreZoom));
        List<Map<String, Object>> layers = new ArrayList<>();
        if (settings.pointsFromZoom() > settings.minZoom()) {
            layers.add(layer(TileRepository.CELLS, "Cells of 1/64 of a tile's side, each a point at its centre",
                    settings.minZoom(), Math.min(settings.maxZoom(), settings.pointsFromZoom() - 1), cellFields()));
        }
        if (settings.pointsFromZoom() <= settings.maxZoom()) {
            layers.add(layer(TileRepository.REQUESTS, "The published requests, at their generalized points",
                    settings.pointsFromZoom(), settings.maxZoom(), requestFields()));
        }
        doc.put("vector_layers", layers);
        return doc;
    }

    /** The fields of the cells: the vector_layers entry, and the contract's description of the layer. */
    static Map<String, String> cellFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("count", "Number: the requests in the cell matching the filters");
        fields.put("count_open", "Number: of them, those not closed");
        fields.put("count_received", "Number: of them, those received");
        fields.put("count_acknowledged", "Number: of them, those acknowledged");
        fields.put("count_in_progress", "Number: of them, those in progress");
        fields.put("count_closed", "Number: of them, those closed");
        fields.put("top_services", "String: the cell's most asked service codes, up to three, most first, comma-separated");
        fields.put("median_open_age_days", "Number: the median age in days of its open requests (none if none is open)");
        return fields;
    }

    static Map<String, String> requestFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tracking_number", "String: the request's public id");
        fields.put("service_code", "String: the kind of request");
        fields.put("status", "String: received, acknowledged, in_progress or closed");
        fields.put("received_at", "String: when it was reported, as published (RFC 3339, UTC; to the day for sensitive classes)");
        fields.put("on_time", "Boolean: whether it was or is within the expected time (none where no target)");
        return fields;
    }

    private static Map<String, Object> layer(String id, String description, int minzoom, int maxzoom,
                                             Map<String, String> fields) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("id", id);
        layer.put("description", description);
        layer.put("minzoom", minzoom);
        layer.put("maxzoom", maxzoom);
        layer.put("fields", fields);
        return layer;
    }

    private static String query(TileFilter filter) {
        if (filter.parameters().isEmpty()) {
            return "";
        }
        StringBuilder query = new StringBuilder();
        filter.parameters().forEach((name, value) -> query.append(query.length() == 0 ? '?' : '&').append(name)
                .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2C", ",")));
        return query.toString();
    }
}
