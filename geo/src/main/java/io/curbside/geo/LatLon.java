package io.curbside.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

/** A WGS84 position as a phone reports it: latitude and longitude in degrees. */
public record LatLon(double lat, double lon) {

    public LatLon {
        Wgs84.checkLatitude(lat, "");
        Wgs84.checkLongitude(lon, "");
    }

    /** The point in {@link Wgs84#FACTORY} (SRID 4326); JTS puts longitude in x and latitude in y. */
    public Point toPoint() {
        return Wgs84.FACTORY.createPoint(new Coordinate(lon, lat));
    }

    /**
     * Great-circle distance in metres on the mean-radius sphere (haversine): within 0.5 % of the
     * ellipsoidal distance PostGIS gives on a geography, and never in degrees.
     */
    public double metresTo(LatLon other) {
        double dLat = Math.toRadians(other.lat - lat);
        double dLon = Math.toRadians(other.lon - lon);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat))
                * Math.cos(Math.toRadians(other.lat)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * Wgs84.MEAN_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** The position of a WGS84 point (x = longitude, y = latitude). */
    public static LatLon of(Point point) {
        if (point.isEmpty()) {
            throw new IllegalArgumentException("an empty point has no position");
        }
        // SRID 0 is "unknown", as from a parser that does not set one; any other SRID is not degrees on WGS84.
        if (point.getSRID() != 0 && point.getSRID() != Wgs84.SRID) {
            throw new IllegalArgumentException("a point in SRID " + point.getSRID() + " is not in WGS84 degrees");
        }
        return new LatLon(point.getY(), point.getX());
    }
}
