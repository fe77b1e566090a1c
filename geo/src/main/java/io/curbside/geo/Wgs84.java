package io.curbside.geo;

import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/** WGS84 (EPSG:4326), the one coordinate system Curbside stores and publishes. */
public final class Wgs84 {

    public static final int SRID = 4326;

    /** The mean radius of the earth (IUGG), for distances on the sphere. */
    public static final double MEAN_RADIUS_METRES = 6_371_008.8;

    /** JTS order: x is longitude, y is latitude, as in GeoJSON and PostGIS. */
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), SRID);

    private Wgs84() {
    }

    static void checkLatitude(double lat, String where) {
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new IllegalArgumentException(where + "latitude " + lat + " is outside [-90, 90]");
        }
    }

    static void checkLongitude(double lon, String where) {
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException(where + "longitude " + lon + " is outside [-180, 180]");
        }
    }
}
