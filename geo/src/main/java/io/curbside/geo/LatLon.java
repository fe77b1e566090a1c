package io.curbside.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

/** A WGS84 position as a phone reports it: latitude and longitude in degrees. */
public record LatLon(double lat, double lon) {

    public LatLon {
        Wgs84.checkLatitude(lat, "");
        Wgs84.checkLongitude(lon, "");
    }

    /** The point with SRID 4326; x = longitude, y = latitude. */
    public Point toPoint() {
        return Wgs84.FACTORY.createPoint(new Coordinate(lon, lat));
    }

    public static LatLon of(Point point) {
        return new LatLon(point.getY(), point.getX());
    }
}
