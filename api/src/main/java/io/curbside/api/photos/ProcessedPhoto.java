package io.curbside.api.photos;

import io.curbside.geo.LatLon;

import java.util.Optional;

/**
 * A photo after its checks: re-encoded JPEGs in two sizes, upright, carrying no metadata at all,
 * and where its EXIF said it was taken (only ever offered back as a suggestion, never stored).
 *
 * @param detectedType what the bytes were: "jpeg", "png" or "webp"
 */
public record ProcessedPhoto(Jpeg display, Jpeg thumbnail, String detectedType, Optional<LatLon> gps) {

    /** One re-encoded size. */
    public record Jpeg(byte[] bytes, int width, int height) {
    }
}
