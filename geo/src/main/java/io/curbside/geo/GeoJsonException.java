package io.curbside.geo;

/** GeoJSON that cannot be read, with the place in the document where it goes wrong. */
public class GeoJsonException extends IllegalArgumentException {

    public GeoJsonException(String where, String message) {
        super(where.isEmpty() ? message : where + ": " + message);
    }
}
