package io.curbside.api.tiles;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * The vector tiles ({@code curbside.tiles.*}).
 *
 * @param minZoom        the lowest zoom served: below it a tile aggregates most of the rollup, and a city fits a few
 *                       tiles of zoom 8 anyway
 * @param maxZoom        the highest zoom served; a map shows deeper zooms by enlarging these tiles (overzoom)
 * @param pointsFromZoom from this zoom on, a tile holds the published requests; below, the aggregated cells
 * @param minCellCount   a cell shows a service of the sensitive class only where it has at least this many
 *                       requests (after the filters): fewer could single out a household
 * @param cacheMegabytes how much of the heap the tiles kept in memory may take, in MB; 0 keeps none
 */
@ConfigurationProperties("curbside.tiles")
record TileSettings(int minZoom, int maxZoom, int pointsFromZoom, int minCellCount, int cacheMegabytes) {

    /** Zoom 20 is the rollup's cell: deeper, the points are still right, but no map needs them. */
    static final int DEEPEST = 22;

    TileSettings {
        if (minZoom < 0 || maxZoom > DEEPEST || minZoom > maxZoom) {
            throw new ConfigurationException("CURBSIDE_TILES_MIN_ZOOM and CURBSIDE_TILES_MAX_ZOOM must satisfy "
                    + "0 <= min <= max <= " + DEEPEST + ", not " + minZoom + " and " + maxZoom);
        }
        if (pointsFromZoom < 1 || pointsFromZoom > TileAddress.CELL_ZOOM) {
            throw new ConfigurationException("CURBSIDE_TILES_POINTS_FROM_ZOOM must be from 1 to " + TileAddress.CELL_ZOOM
                    + ", not " + pointsFromZoom);
        }
        if (minCellCount < 1) {
            throw new ConfigurationException("CURBSIDE_TILES_MIN_CELL_COUNT must be at least 1, not " + minCellCount);
        }
        if (cacheMegabytes < 0) {
            throw new ConfigurationException("CURBSIDE_TILES_CACHE_MB must be 0 or more, not " + cacheMegabytes);
        }
    }
}
