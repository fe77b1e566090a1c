package io.curbside.geo;

import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a layer of districts covers a city: the parts of the city in no district (gaps, where a
 * report routes to nobody) and the parts in two districts (overlaps, where it could go to either),
 * each with its area and a point inside it so the file's author can find it. Pieces under the
 * tolerance are left out: shapes drawn from different sources rarely share their edges exactly.
 * Overlays use OverlayNG's robust mode: real district files are full of nearly-coincident edges.
 */
public final class Coverage {

    /** Metres per degree of latitude on the mean-radius sphere. */
    private static final double METRES_PER_DEGREE = LocationGeneralizer.METRES_PER_DEGREE;

    private Coverage() {
    }

    /** A part of the city in no district, largest first. */
    public record Gap(LatLon point, double squareMetres) {
    }

    /** Districts {@code first} and {@code second} (indexes into the list checked) share this much area. */
    public record Overlap(int first, int second, LatLon point, double squareMetres) {
    }

    /** The gaps and overlaps above the tolerance, each list largest first. */
    public record Report(List<Gap> gaps, List<Overlap> overlaps) {
    }

    /**
     * Checks one layer: a union and a difference, so a layer of dozens of districts with tens of
     * thousands of vertices takes about a second; pairs are compared only when some overlap.
     */
    public static Report of(Geometry city, List<? extends Geometry> districts, double toleranceSquareMetres) {
        List<Gap> gaps = new ArrayList<>();
        Geometry covered = OverlayNGRobust.union(new ArrayList<>(districts));
        Geometry uncovered = covered == null ? city : OverlayNGRobust.overlay(city, covered, OverlayNG.DIFFERENCE);
        for (Polygon piece : polygons(uncovered)) {
            double area = squareMetres(piece);
            if (area > toleranceSquareMetres) {
                gaps.add(new Gap(pointIn(piece), area));
            }
        }
        gaps.sort(Comparator.comparingDouble(Gap::squareMetres).reversed());
        // The districts' areas add up to their union's unless some overlap: when they do not,
        // the pairwise overlays (seconds for a large layer) are skipped.
        double overlapping = districts.stream().mapToDouble(Coverage::squareMetres).sum()
                - (covered == null ? 0 : squareMetres(covered));
        return new Report(List.copyOf(gaps), overlapping <= toleranceSquareMetres ? List.of()
                : overlaps(districts, toleranceSquareMetres));
    }

    /**
     * The pairs of areas that share more than the tolerance, largest first. Pairs are compared
     * only when their bounding boxes meet.
     */
    public static List<Overlap> overlaps(List<? extends Geometry> districts, double toleranceSquareMetres) {
        List<Overlap> overlaps = new ArrayList<>();
        for (int i = 0; i < districts.size(); i++) {
            for (int j = i + 1; j < districts.size(); j++) {
                Geometry a = districts.get(i);
                Geometry b = districts.get(j);
                if (!a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) {
                    continue;
                }
                List<Polygon> shared = polygons(OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION));
                double area = shared.stream().mapToDouble(Coverage::squareMetres).sum();
                if (area > toleranceSquareMetres) {
                    Polygon largest = shared.stream().max(Comparator.comparingDouble(Geometry::getArea)).orElseThrow();
                    overlaps.add(new Overlap(i, j, pointIn(largest), area));
                }
            }
        }
        overlaps.sort(Comparator.comparingDouble(Overlap::squareMetres).reversed());
        return List.copyOf(overlaps);
    }

    /**
     * The area in square metres of a shape in degrees, scaled at its own latitude: within a
     * fraction of a percent of the ellipsoidal area for anything city-sized.
     */
    static double squareMetres(Geometry g) {
        if (g.isEmpty()) {
            return 0;
        }
        double lat = g.getEnvelopeInternal().centre().y;
        return g.getArea() * METRES_PER_DEGREE * METRES_PER_DEGREE * Math.cos(Math.toRadians(lat));
    }

    /** A point inside the area (not its centroid, which may fall outside a curved sliver). */
    static LatLon pointIn(Geometry area) {
        Coordinate c = InteriorPointArea.getInteriorPoint(area);
        return new LatLon(Math.round(c.y * 1e6) / 1e6, Math.round(c.x * 1e6) / 1e6);
    }

    /** The polygons of an overlay's result, leaving out the lines and points where shapes only touch. */
    @SuppressWarnings("unchecked")
    static List<Polygon> polygons(Geometry g) {
        List<Polygon> polygons = new ArrayList<>();
        PolygonExtracter.getPolygons(g, polygons);
        polygons.removeIf(Geometry::isEmpty);
        return polygons;
    }
}
