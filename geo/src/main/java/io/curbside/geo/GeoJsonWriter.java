package io.curbside.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes JTS geometries as RFC 7946 GeoJSON objects (maps and lists, for any JSON serializer),
 * with coordinates rounded: six decimals are about 0.1 m, finer than any phone's fix.
 */
public final class GeoJsonWriter {

    public static final int DEFAULT_DECIMALS = 6;

    private GeoJsonWriter() {
    }

    public static Map<String, Object> geometry(Geometry g) {
        return geometry(g, DEFAULT_DECIMALS);
    }

    public static Map<String, Object> geometry(Geometry g, int decimals) {
        double scale = Math.pow(10, decimals);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", g.getGeometryType());
        if (g instanceof GeometryCollection && !(g instanceof MultiPoint || g instanceof MultiLineString
                || g instanceof MultiPolygon)) {
            List<Object> parts = new ArrayList<>();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                parts.add(geometry(g.getGeometryN(i), decimals));
            }
            json.put("geometries", parts);
        } else {
            json.put("coordinates", coordinates(g, scale));
        }
        return json;
    }

    /** A Feature with the geometry, an id (omitted when null) and the properties. */
    public static Map<String, Object> feature(GeoFeature feature) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "Feature");
        if (feature.id() != null) {
            json.put("id", feature.id());
        }
        json.put("geometry", geometry(feature.geometry()));
        json.put("properties", feature.properties());
        return json;
    }

    private static Object coordinates(Geometry g, double scale) {
        if (g instanceof Point p) {
            return position(p.getCoordinate(), scale);
        }
        if (g instanceof LineString l) {
            return positions(l.getCoordinates(), scale);
        }
        if (g instanceof Polygon p) {
            List<Object> rings = new ArrayList<>();
            rings.add(positions(p.getExteriorRing().getCoordinates(), scale));
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                rings.add(positions(p.getInteriorRingN(i).getCoordinates(), scale));
            }
            return rings;
        }
        List<Object> parts = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            parts.add(coordinates(g.getGeometryN(i), scale));
        }
        return parts;
    }

    private static List<Object> positions(Coordinate[] coordinates, double scale) {
        List<Object> list = new ArrayList<>(coordinates.length);
        for (Coordinate c : coordinates) {
            list.add(position(c, scale));
        }
        return list;
    }

    private static List<Double> position(Coordinate c, double scale) {
        return List.of(Math.round(c.x * scale) / scale, Math.round(c.y * scale) / scale);
    }
}
