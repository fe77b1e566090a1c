package io.curbside.api.photos;

/**
 * What an uploaded photo may be, and the sizes it is stored in.
 *
 * @param maxBytes      the largest upload accepted, in bytes (413 above)
 * @param maxPixels     the most pixels (width x height) accepted, checked from the header before
 *                      any pixel is decoded, so a decompression bomb never reaches memory (413)
 * @param displayEdge   the long edge of the display size, in pixels
 * @param thumbnailEdge the long edge of the thumbnail, in pixels
 */
public record PhotoLimits(long maxBytes, long maxPixels, int displayEdge, int thumbnailEdge) {

    public PhotoLimits {
        if (maxBytes < 1 || maxPixels < 1 || displayEdge < 16 || thumbnailEdge < 16 || thumbnailEdge > displayEdge) {
            throw new IllegalArgumentException("photo limits must be positive, with the thumbnail no larger than the display size");
        }
    }
}
