package io.curbside.geo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads RFC 7946 GeoJSON into JTS geometries (SRID 4326), naming the exact place of any error. */
public final class GeoJsonReader {

    // GeoJSON needs at most a few levels (MultiPolygon is 4 deep); a low limit turns a hostile
    // deeply nested document into a clear error instead of a long recursion.
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final GeometryFactory F = Wgs84.FACTORY;

    private GeoJsonReader() {
    }

    /**
     * The features of a FeatureCollection. A bare Feature or geometry is refused, naming what was
     * expected: read as a collection of one, it would silently stand for a whole file.
     * The whole document is held in memory, so callers bound its size (an upload limit).
     */
    public static List<GeoFeature> readFeatures(InputStream in) {
        JsonNode root = parse(in);
        String type = type(root, "");
        if (!type.equals("FeatureCollection")) {
            throw new GeoJsonException("type", "expected a FeatureCollection, found \"" + type
                    + "\"; wrap the features in {\"type\": \"FeatureCollection\", \"features\": [...]}");
        }
        JsonNode list = root.get("features");
        if (list == null || !list.isArray()) {
            throw new GeoJsonException("features", "must be an array");
        }
        List<GeoFeature> features = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            features.add(feature(list.get(i), "features[" + i + "]"));
        }
        return features;
    }

    /** One geometry object. */
    public static Geometry readGeometry(InputStream in) {
        return geometry(parse(in), "");
    }

    private static JsonNode parse(InputStream in) {
        try {
            JsonNode root = JSON.readTree(in);
            if (root == null || !root.isObject()) {
                throw new GeoJsonException("", "the document is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            String place = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new GeoJsonException("", "not valid JSON: " + e.getOriginalMessage() + place);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GeoFeature feature(JsonNode node, String at) {
        String type = type(node, at);
        if (!"Feature".equals(type)) {
            throw new GeoJsonException(join(at, "type"), "expected \"Feature\", found \"" + type + "\"");
        }
        JsonNode geometry = node.get("geometry");
        if (geometry == null) {
            throw new GeoJsonException(join(at, "geometry"), "is missing");
        }
        if (geometry.isNull()) {
            throw new GeoJsonException(join(at, "geometry"), "is null; features without a location are not accepted here");
        }
        JsonNode id = node.get("id");
        if (id != null && !id.isNull() && !id.isTextual() && !id.isNumber()) {
            throw new GeoJsonException(join(at, "id"), "must be a string or a number");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        JsonNode props = node.get("properties");
        if (props != null && props.isObject()) {
            props.properties().forEach(e -> properties.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
        } else if (props != null && !props.isNull()) {
            throw new GeoJsonException(join(at, "properties"), "must be an object or null");
        }
        return new GeoFeature(id == null || id.isNull() ? null : id.asText(), geometry(geometry, join(at, "geometry")),
                properties);
    }

    private static Geometry geometry(JsonNode node, String at) {
        String type = type(node, at);
        if (type.equals("GeometryCollection")) {
            JsonNode list = node.get("geometries");
            if (list == null || !list.isArray()) {
                throw new GeoJsonException(join(at, "geometries"), "must be an array");
            }
            Geometry[] parts = new Geometry[list.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = geometry(list.get(i), join(at, "geometries") + "[" + i + "]");
            }
            return F.createGeometryCollection(parts);
        }
        JsonNode c = node.get("coordinates");
        String where = join(at, "coordinates");
        if (c == null || !c.isArray()) {
            throw new GeoJsonException(where, "must be an array");
        }
        return switch (type) {
            // RFC 7946 lets an empty coordinates array stand for an empty geometry.
            case "Point" -> c.isEmpty() ? F.createPoint() : F.createPoint(position(c, where));
            case "MultiPoint" -> F.createMultiPoint(each(c, where, (n, w) -> F.createPoint(position(n, w)))
                    .toArray(Point[]::new));
            case "LineString" -> line(c, where);
            case "MultiLineString" -> F.createMultiLineString(each(c, where, GeoJsonReader::line)
                    .toArray(LineString[]::new));
            case "Polygon" -> polygon(c, where);
            case "MultiPolygon" -> F.createMultiPolygon(each(c, where, GeoJsonReader::polygon).toArray(Polygon[]::new));
            default -> throw new GeoJsonException(join(at, "type"), "\"" + type + "\" is not a GeoJSON geometry type");
        };
    }

    private interface Part<T> {
        T read(JsonNode node, String where);
    }

    private static <T> List<T> each(JsonNode array, String where, Part<T> part) {
        if (!array.isArray()) {
            throw new GeoJsonException(where, "must be an array");
        }
        List<T> parts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            parts.add(part.read(array.get(i), where + "[" + i + "]"));
        }
        return parts;
    }

    private static LineString line(JsonNode c, String where) {
        List<Coordinate> positions = each(c, where, GeoJsonReader::position);
        if (positions.size() < 2) {
            throw new GeoJsonException(where, "a line needs at least 2 positions");
        }
        return F.createLineString(positions.toArray(Coordinate[]::new));
    }

    private static Polygon polygon(JsonNode c, String where) {
        List<LinearRing> rings = each(c, where, GeoJsonReader::ring);
        if (rings.isEmpty()) {
            throw new GeoJsonException(where, "a polygon needs an exterior ring");
        }
        return F.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
    }

    private static LinearRing ring(JsonNode c, String where) {
        List<Coordinate> positions = each(c, where, GeoJsonReader::position);
        if (positions.size() < 4) {
            throw new GeoJsonException(where, "a ring needs at least 4 positions, has " + positions.size());
        }
        if (!positions.get(0).equals2D(positions.get(positions.size() - 1))) {
            throw new GeoJsonException(where, "the ring is not closed: its last position must repeat its first");
        }
        return F.createLinearRing(positions.toArray(Coordinate[]::new));
    }

    private static Coordinate position(JsonNode p, String where) {
        if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new GeoJsonException(where, "a position is [longitude, latitude]");
        }
        double lon = p.get(0).asDouble();
        double lat = p.get(1).asDouble();
        try {
            Wgs84.checkLongitude(lon, "");
            Wgs84.checkLatitude(lat, "");
        } catch (IllegalArgumentException e) {
            throw new GeoJsonException(where, e.getMessage());
        }
        return new Coordinate(lon, lat);
    }

    private static String type(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw new GeoJsonException(at, "must be a JSON object");
        }
        JsonNode type = node.get("type");
        if (type == null) {
            throw new GeoJsonException(join(at, "type"), "is missing");
        }
        if (!type.isTextual()) {
            throw new GeoJsonException(join(at, "type"), "must be a string");
        }
        return type.asText();
    }

    private static String join(String at, String key) {
        return at.isEmpty() ? key : at + "." + key;
    }
}
