package io.curbside.geo;

/**
 * Snaps a point to the centre of its cell in a fixed grid of cells about {@code cellMetres} on
 * a side, so a published location says "about here" and never which house. The grid depends
 * only on the cell size, so every point of a cell, on every node and every day, publishes the
 * same centre, and nothing can be averaged back out of repeated answers.
 *
 * <p>Rows are {@code cellMetres} of latitude high; each row is cut into a whole number of
 * equal cells about {@code cellMetres} wide at its middle latitude, so cells tile the globe
 * exactly, poles included.
 */
public final class LocationGeneralizer {

    /** Metres per degree of latitude on the mean-radius sphere (6,371,008.8 m). */
    static final double METRES_PER_DEGREE = Math.PI * Wgs84.MEAN_RADIUS_METRES / 180;

    private final double cellMetres;
    private final double rowDegrees;

    public LocationGeneralizer(double cellMetres) {
        if (!(cellMetres >= 1 && cellMetres <= 1_000_000)) {
            throw new IllegalArgumentException("a cell must be 1 m to 1000 km, not " + cellMetres);
        }
        this.cellMetres = cellMetres;
        this.rowDegrees = 180.0 / Math.max(1, Math.round(180 * METRES_PER_DEGREE / cellMetres));
    }

    public double cellMetres() {
        return cellMetres;
    }

    /** The centre of the cell holding the point. */
    public LatLon snap(LatLon p) {
        long rows = Math.round(180 / rowDegrees);
        long row = Math.min(rows - 1, (long) Math.floor((p.lat() + 90) / rowDegrees));
        double lat = -90 + (row + 0.5) * rowDegrees;
        double rowWidthMetres = 360 * METRES_PER_DEGREE * Math.cos(Math.toRadians(lat));
        long columns = Math.max(1, (long) Math.floor(rowWidthMetres / cellMetres));
        double columnDegrees = 360.0 / columns;
        long column = Math.min(columns - 1, (long) Math.floor((p.lon() + 180) / columnDegrees));
        double lon = -180 + (column + 0.5) * columnDegrees;
        return new LatLon(round(lat), round(lon));
    }

    /** Six decimals (about 0.1 m) are plenty for a cell centre, and keep published numbers short. */
    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
