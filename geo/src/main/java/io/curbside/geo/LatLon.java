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
