package io.curbside.geo;

import org.locationtech.jts.algorithm.Orientation;
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

    /** The geometry with coordinates rounded to {@link #DEFAULT_DECIMALS}. */
    public static Map<String, Object> geometry(Geometry g) {
        return geometry(g, DEFAULT_DECIMALS);
    }

    /**
     * The geometry with coordinates rounded to {@code decimals} (0 to 15), polygon rings wound
     * as RFC 7946 asks (exterior counter-clockwise, holes clockwise).
     */
    public static Map<String, Object> geometry(Geometry g, int decimals) {
        if (decimals < 0 || decimals > 15) {
            // beyond 15 digits a double has nothing left to round, and the scaled value could overflow a long
            throw new IllegalArgumentException("decimals must be between 0 and 15, not " + decimals);
        }
        return write(g, Math.pow(10, decimals));
    }

    /** A Feature with an id (omitted when null), the geometry and the properties. */
    public static Map<String, Object> feature(GeoFeature feature) {
        return feature(feature, DEFAULT_DECIMALS);
    }

    /** A Feature whose coordinates are rounded to {@code decimals}. */
    public static Map<String, Object> feature(GeoFeature feature, int decimals) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "Feature");
        if (feature.id() != null) {
            json.put("id", feature.id());
        }
        json.put("geometry", geometry(feature.geometry(), decimals));
        json.put("properties", feature.properties());
        return json;
    }

    private static Map<String, Object> write(Geometry g, double scale) {
        Map<String, Object> json = new LinkedHashMap<>();
        // a JTS LinearRing is a closed LineString; GeoJSON has no ring type of its own
        json.put("type", g instanceof LineString ? "LineString" : g.getGeometryType());
        if (g instanceof GeometryCollection && !(g instanceof MultiPoint || g instanceof MultiLineString
                || g instanceof MultiPolygon)) {
            List<Object> parts = new ArrayList<>();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                parts.add(write(g.getGeometryN(i), scale));
            }
            json.put("geometries", parts);
        } else {
            json.put("coordinates", coordinates(g, scale));
        }
        return json;
    }

    private static Object coordinates(Geometry g, double scale) {
        if (g instanceof Point p) {
            return p.isEmpty() ? List.of() : position(p.getCoordinate(), scale);
        }
        if (g instanceof LineString l) {
            return positions(l.getCoordinates(), scale);
        }
        if (g instanceof Polygon p) {
            List<Object> rings = new ArrayList<>();
            if (!p.isEmpty()) {
                rings.add(positions(wound(p.getExteriorRing().getCoordinates(), true), scale));
                for (int i = 0; i < p.getNumInteriorRing(); i++) {
                    rings.add(positions(wound(p.getInteriorRingN(i).getCoordinates(), false), scale));
                }
            }
            return rings;
        }
        List<Object> parts = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            parts.add(coordinates(g.getGeometryN(i), scale));
        }
        return parts;
    }

    private static Coordinate[] wound(Coordinate[] ring, boolean counterClockwise) {
        if (Orientation.isCCWArea(ring) == counterClockwise) {
            return ring;
        }
        Coordinate[] reversed = new Coordinate[ring.length];
        for (int i = 0; i < ring.length; i++) {
            reversed[i] = ring[ring.length - 1 - i];
        }
        return reversed;
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
