package io.curbside.api.ogc;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shapes of OGC API – Features Part 1 answers, written from the standard's schemas (core/openapi/
 * schemas: landingPage, confClasses, collections, collection, extent, link, featureCollectionGeoJSON,
 * featureGeoJSON, geometryGeoJSON) and RFC 7946: each method lists what is wrong with a parsed JSON
 * document, each problem at its JSON path. An empty list is a document the schema accepts.
 */
final class OgcShapes {

    private static final Set<String> GEOMETRY_TYPES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
            "Polygon", "MultiPolygon", "GeometryCollection");

    private final List<String> problems = new ArrayList<>();

    private OgcShapes() {
    }

    static List<String> landingPage(Object document) {
        OgcShapes s = new OgcShapes();
        Map<?, ?> page = s.object("$", document);
        if (page != null) {
            s.optionalString("$.title", page.get("title"));
            s.optionalString("$.description", page.get("description"));
            s.links("$.links", page.get("links"), true);
        }
        return s.problems;
    }

    static List<String> confClasses(Object document) {
        OgcShapes s = new OgcShapes();
        Map<?, ?> conformance = s.object("$", document);
        if (conformance != null) {
            List<?> uris = s.array("$.conformsTo", conformance.get("conformsTo"), true);
            if (uris != null) {
                for (int i = 0; i < uris.size(); i++) {
                    s.string("$.conformsTo[" + i + "]", uris.get(i));
                }
            }
        }
        return s.problems;
    }

    static List<String> collections(Object document) {
        OgcShapes s = new OgcShapes();
        Map<?, ?> collections = s.object("$", document);
        if (collections != null) {
            s.links("$.links", collections.get("links"), true);
            List<?> each = s.array("$.collections", collections.get("collections"), true);
            if (each != null) {
                for (int i = 0; i < each.size(); i++) {
                    s.collection("$.collections[" + i + "]", each.get(i));
                }
            }
        }
        return s.problems;
    }

    static List<String> collection(Object document) {
        OgcShapes s = new OgcShapes();
        s.collection("$", document);
        return s.problems;
    }

    static List<String> featureCollection(Object document) {
        OgcShapes s = new OgcShapes();
        Map<?, ?> collection = s.object("$", document);
        if (collection != null) {
            s.constant("$.type", collection.get("type"), "FeatureCollection");
            List<?> features = s.array("$.features", collection.get("features"), true);
            if (features != null) {
                for (int i = 0; i < features.size(); i++) {
                    s.feature("$.features[" + i + "]", features.get(i));
                }
            }
            s.links("$.links", collection.get("links"), false);
            if (collection.containsKey("timeStamp")) {
                s.dateTime("$.timeStamp", collection.get("timeStamp"), false);
            }
            s.count("$.numberMatched", collection.get("numberMatched"));
            // Part 1 wants numberMatched exact: an estimate, where one is given, is instead of it.
            s.count("$.numberMatchedEstimate", collection.get("numberMatchedEstimate"));
            if (collection.containsKey("numberMatched") && collection.containsKey("numberMatchedEstimate")) {
                s.problems.add("$: numberMatched and numberMatchedEstimate together");
            }
            s.count("$.numberReturned", collection.get("numberReturned"));
        }
        return s.problems;
    }

    static List<String> feature(Object document) {
        OgcShapes s = new OgcShapes();
        s.feature("$", document);
        return s.problems;
    }

    private void collection(String path, Object node) {
        Map<?, ?> collection = object(path, node);
        if (collection == null) {
            return;
        }
        string(path + ".id", collection.get("id"));
        optionalString(path + ".title", collection.get("title"));
        optionalString(path + ".description", collection.get("description"));
        links(path + ".links", collection.get("links"), true);
        if (collection.containsKey("extent")) {
            extent(path + ".extent", collection.get("extent"));
        }
        if (collection.containsKey("itemType")) {
            string(path + ".itemType", collection.get("itemType"));
        }
        if (collection.containsKey("crs")) {
            List<?> crs = array(path + ".crs", collection.get("crs"), true);
            if (crs != null) {
                for (int i = 0; i < crs.size(); i++) {
                    string(path + ".crs[" + i + "]", crs.get(i));
                }
            }
        }
    }

    private void extent(String path, Object node) {
        Map<?, ?> extent = object(path, node);
        if (extent == null) {
            return;
        }
        if (extent.containsKey("spatial")) {
            Map<?, ?> spatial = object(path + ".spatial", extent.get("spatial"));
            if (spatial != null) {
                List<?> boxes = array(path + ".spatial.bbox", spatial.get("bbox"), false);
                if (boxes != null && boxes.isEmpty()) {
                    problems.add(path + ".spatial.bbox: minItems 1");
                }
                for (int i = 0; boxes != null && i < boxes.size(); i++) {
                    List<?> box = array(path + ".spatial.bbox[" + i + "]", boxes.get(i), false);
                    if (box != null && box.size() != 4 && box.size() != 6) {
                        problems.add(path + ".spatial.bbox[" + i + "]: four or six numbers, not " + box.size());
                    }
                    for (int j = 0; box != null && j < box.size(); j++) {
                        number(path + ".spatial.bbox[" + i + "][" + j + "]", box.get(j));
                    }
                }
                if (spatial.containsKey("crs") && !Set.of("http://www.opengis.net/def/crs/OGC/1.3/CRS84",
                        "http://www.opengis.net/def/crs/OGC/0/CRS84h").contains(spatial.get("crs"))) {
                    problems.add(path + ".spatial.crs: not CRS84 or CRS84h: " + spatial.get("crs"));
                }
            }
        }
        if (extent.containsKey("temporal")) {
            Map<?, ?> temporal = object(path + ".temporal", extent.get("temporal"));
            List<?> intervals = temporal == null ? null : array(path + ".temporal.interval", temporal.get("interval"), false);
            for (int i = 0; intervals != null && i < intervals.size(); i++) {
                List<?> interval = array(path + ".temporal.interval[" + i + "]", intervals.get(i), false);
                if (interval != null && interval.size() != 2) {
                    problems.add(path + ".temporal.interval[" + i + "]: two instants, not " + interval.size());
                }
                for (int j = 0; interval != null && j < interval.size(); j++) {
                    dateTime(path + ".temporal.interval[" + i + "][" + j + "]", interval.get(j), true);
                }
            }
        }
    }

    private void feature(String path, Object node) {
        Map<?, ?> feature = object(path, node);
        if (feature == null) {
            return;
        }
        constant(path + ".type", feature.get("type"), "Feature");
        if (!feature.containsKey("geometry")) {
            problems.add(path + ".geometry: required (null when none)");
        } else if (feature.get("geometry") != null) {
            geometry(path + ".geometry", feature.get("geometry"));
        }
        if (!feature.containsKey("properties")) {
            problems.add(path + ".properties: required (null when none)");
        } else if (feature.get("properties") != null) {
            object(path + ".properties", feature.get("properties"));
        }
        if (feature.containsKey("id") && !(feature.get("id") instanceof String || feature.get("id") instanceof Integer
                || feature.get("id") instanceof Long)) {
            problems.add(path + ".id: a string or an integer");
        }
        if (feature.containsKey("links")) {
            links(path + ".links", feature.get("links"), false);
        }
    }

    private void geometry(String path, Object node) {
        Map<?, ?> geometry = object(path, node);
        if (geometry == null) {
            return;
        }
        Object type = geometry.get("type");
        if (!GEOMETRY_TYPES.contains(type)) {
            problems.add(path + ".type: not a GeoJSON geometry type: " + type);
            return;
        }
        if (type.equals("GeometryCollection")) {
            List<?> members = array(path + ".geometries", geometry.get("geometries"), true);
            for (int i = 0; members != null && i < members.size(); i++) {
                geometry(path + ".geometries[" + i + "]", members.get(i));
            }
            return;
        }
        int depth = switch ((String) type) {
            case "Point" -> 0;
            case "MultiPoint", "LineString" -> 1;
            case "MultiLineString", "Polygon" -> 2;
            default -> 3;
        };
        positions(path + ".coordinates", geometry.get("coordinates"), depth);
    }

    /** Nested arrays {@code depth} deep, ending in positions of two or three numbers. */
    private void positions(String path, Object node, int depth) {
        List<?> list = array(path, node, true);
        if (list == null) {
            return;
        }
        if (depth == 0) {
            if (list.size() < 2 || list.size() > 3) {
                problems.add(path + ": a position is two or three numbers, not " + list.size());
            }
            for (int i = 0; i < list.size(); i++) {
                number(path + "[" + i + "]", list.get(i));
            }
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            positions(path + "[" + i + "]", list.get(i), depth - 1);
        }
    }

    private void links(String path, Object node, boolean required) {
        List<?> links = array(path, node, required);
        for (int i = 0; links != null && i < links.size(); i++) {
            String at = path + "[" + i + "]";
            Map<?, ?> link = object(at, links.get(i));
            if (link == null) {
                continue;
            }
            string(at + ".href", link.get("href"));
            for (String member : List.of("rel", "type", "hreflang", "title")) {
                optionalString(at + "." + member, link.get(member));
            }
            if (link.containsKey("length") && !(link.get("length") instanceof Integer)) {
                problems.add(at + ".length: an integer");
            }
        }
    }

    private Map<?, ?> object(String path, Object node) {
        if (node instanceof Map<?, ?> map) {
            return map;
        }
        problems.add(path + ": an object, not " + describe(node));
        return null;
    }

    private List<?> array(String path, Object node, boolean required) {
        if (node instanceof List<?> list) {
            return list;
        }
        if (node != null || required) {
            problems.add(path + ": an array, not " + describe(node));
        }
        return null;
    }

    private void string(String path, Object node) {
        if (!(node instanceof String)) {
            problems.add(path + ": a string, not " + describe(node));
        }
    }

    private void optionalString(String path, Object node) {
        if (node != null) {
            string(path, node);
        }
    }

    private void constant(String path, Object node, String value) {
        if (!value.equals(node)) {
            problems.add(path + ": \"" + value + "\", not " + describe(node));
        }
    }

    private void number(String path, Object node) {
        if (!(node instanceof Number)) {
            problems.add(path + ": a number, not " + describe(node));
        }
    }

    private void count(String path, Object node) {
        if (node != null && !((node instanceof Integer || node instanceof Long) && ((Number) node).longValue() >= 0)) {
            problems.add(path + ": an integer of at least 0, not " + describe(node));
        }
    }

    private void dateTime(String path, Object node, boolean nullable) {
        if (node == null && nullable) {
            return;
        }
        try {
            OffsetDateTime.parse(String.valueOf(node));
        } catch (DateTimeParseException e) {
            problems.add(path + ": an RFC 3339 date-time, not " + describe(node));
        }
    }

    private static String describe(Object node) {
        return node == null ? "null" : node.getClass().getSimpleName() + " " + node;
    }
}
