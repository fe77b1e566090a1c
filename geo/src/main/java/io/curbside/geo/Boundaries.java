package io.curbside.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

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
        if (error != null) {
            String near = error.getCoordinate() == null ? ""
                    : " near lon " + error.getCoordinate().x + ", lat " + error.getCoordinate().y;
            throw new IllegalArgumentException(what + " is not a valid shape: " + error.getMessage() + near);
        }
    }
}
