package io.curbside.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Checks areas (city limits, districts) before they are stored; nothing is "fixed" silently. */
public final class Boundaries {

    private Boundaries() {
    }

    /** A Polygon or MultiPolygon as a MultiPolygon, the one shape areas are stored in. */
    public static MultiPolygon asMultiPolygon(Geometry g) {
        Objects.requireNonNull(g, "an area is required");
        if (g instanceof MultiPolygon m) {
            return m;
        }
        if (g instanceof Polygon p) {
            return Wgs84.FACTORY.createMultiPolygon(new Polygon[] {p});
        }
        throw new IllegalArgumentException("an area must be a Polygon or MultiPolygon, not a " + g.getGeometryType());
    }

    /** Throws, naming what and where, when the geometry is invalid (e.g. a self-intersection). */
    public static void requireValid(Geometry g, String what) {
        Objects.requireNonNull(g, what);
        if (g.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null && g instanceof MultiPolygon parts) {
            requireApart(parts, what);
        }
        if (error != null) {
            String near = error.getCoordinate() == null ? ""
                    : " near lon " + error.getCoordinate().x + ", lat " + error.getCoordinate().y;
            throw new IllegalArgumentException(what + " is not a valid shape: " + error.getMessage() + near);
        }
    }

    /**
     * A MultiPolygon made of valid polygons that overlap is invalid too, but JTS calls it a
     * self-intersection; naming the overlap says what to do about it (merge the parts).
     */
    private static void requireApart(MultiPolygon parts, String what) {
        List<Geometry> polygons = new ArrayList<>();
        for (int i = 0; i < parts.getNumGeometries(); i++) {
            if (!parts.getGeometryN(i).isValid()) {
                return;
            }
            polygons.add(parts.getGeometryN(i));
        }
        List<Coverage.Overlap> overlaps = Coverage.overlaps(polygons, 0);
        if (!overlaps.isEmpty()) {
            Coverage.Overlap o = overlaps.get(0);
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s's polygons overlap around lat %s, lon %s (coordinates[%d] and coordinates[%d], %,.0f m²):"
                            + " merge them into one polygon", what, o.point().lat(), o.point().lon(), o.first(),
                    o.second(), o.squareMetres()));
        }
    }
}
