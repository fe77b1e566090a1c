package io.curbside.geo;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import java.util.List;

/** A lon/lat bounding box, as in GeoJSON "bbox" and OGC API "bbox=minLon,minLat,maxLon,maxLat". */
public record Bbox(double minLon, double minLat, double maxLon, double maxLat) {

    public Bbox {
        Wgs84.checkLongitude(minLon, "minimum ");
        Wgs84.checkLongitude(maxLon, "maximum ");
        Wgs84.checkLatitude(minLat, "minimum ");
        Wgs84.checkLatitude(maxLat, "maximum ");
        if (minLat > maxLat) {
            throw new IllegalArgumentException("minimum latitude " + minLat + " is above maximum " + maxLat);
        }
        if (minLon > maxLon) {
            throw new IllegalArgumentException("minimum longitude " + minLon + " is east of maximum " + maxLon
                    + " (boxes across the antimeridian are not supported)");
        }
    }

    /** Parses "minLon,minLat,maxLon,maxLat". */
    public static Bbox parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a bbox needs four numbers: minLon,minLat,maxLon,maxLat");
        }
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("a bbox needs four numbers: minLon,minLat,maxLon,maxLat");
        }
        double[] n = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                n[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + parts[i] + "\" is not a number");
            }
        }
        return new Bbox(n[0], n[1], n[2], n[3]);
    }

    public static Bbox of(Geometry geometry) {
        if (geometry.isEmpty()) {
            throw new IllegalArgumentException("an empty geometry has no bounding box");
        }
        Envelope e = geometry.getEnvelopeInternal();
        return new Bbox(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
    }

    public boolean contains(LatLon p) {
        return p.lon() >= minLon && p.lon() <= maxLon && p.lat() >= minLat && p.lat() <= maxLat;
    }

    public List<Double> toList() {
        return List.of(minLon, minLat, maxLon, maxLat);
    }
}
