package io.curbside.geo;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import java.util.List;
import java.util.regex.Pattern;

/** A lon/lat bounding box, as in GeoJSON "bbox" and OGC API "bbox=minLon,minLat,maxLon,maxLat". */
public record Bbox(double minLon, double minLat, double maxLon, double maxLat) {

    // Plain decimals only: Double.parseDouble would also take "0x1p3", "1d" or "NaN".
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final String SHAPE = "a bbox is four numbers: minLon,minLat,maxLon,maxLat";

    public Bbox {
        Wgs84.checkLongitude(minLon, "minimum ");
        Wgs84.checkLongitude(maxLon, "maximum ");
        Wgs84.checkLatitude(minLat, "minimum ");
        Wgs84.checkLatitude(maxLat, "maximum ");
        if (minLat > maxLat) {
            throw new IllegalArgumentException("minimum latitude " + minLat + " is north of maximum latitude " + maxLat);
        }
        if (minLon > maxLon) {
            throw new IllegalArgumentException("minimum longitude " + minLon + " is east of maximum longitude " + maxLon
                    + " (boxes across the antimeridian are not supported)");
        }
    }

    /** Parses "minLon,minLat,maxLon,maxLat", the OGC API Features bbox query parameter (2D, WGS84). */
    public static Bbox parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(SHAPE);
        }
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(SHAPE + ", not " + parts.length + " values");
        }
        double[] n = new double[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i].strip();
            if (!NUMBER.matcher(part).matches()) {
                throw new IllegalArgumentException("\"" + part + "\" is not a number; " + SHAPE);
            }
            n[i] = Double.parseDouble(part);
        }
        return new Bbox(n[0], n[1], n[2], n[3]);
    }

    /** The envelope of a WGS84 geometry. */
    public static Bbox of(Geometry geometry) {
        if (geometry.isEmpty()) {
            throw new IllegalArgumentException("an empty geometry has no bounding box");
        }
        Envelope e = geometry.getEnvelopeInternal();
        return new Bbox(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
    }

    /** True for positions inside or on the edge. */
    public boolean contains(LatLon p) {
        return p.lon() >= minLon && p.lon() <= maxLon && p.lat() >= minLat && p.lat() <= maxLat;
    }

    /** [minLon, minLat, maxLon, maxLat], the order of a GeoJSON "bbox" member. */
    public List<Double> toList() {
        return List.of(minLon, minLat, maxLon, maxLat);
    }
}
