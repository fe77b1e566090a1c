package io.curbside.geo;

/** GeoJSON that cannot be read, with the place in the document where it goes wrong. */
public class GeoJsonException extends IllegalArgumentException {

    private final String where;
    private final String reason;

    /** {@code where} is a path such as "features[3].geometry.coordinates[0][2]", empty for the whole document. */
    public GeoJsonException(String where, String reason) {
        super(where.isEmpty() ? reason : where + ": " + reason);
        this.where = where;
        this.reason = reason;
    }

    /** The path to the offending member, so an API can name it in a per-field violation. */
    public String where() {
        return where;
    }

    public String reason() {
        return reason;
    }
}
