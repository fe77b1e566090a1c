/**
 * The published requests as Mapbox Vector Tiles ({@code /tiles/service-requests/{z}/{x}/{y}.mvt}) and their
 * TileJSON: below {@code CURBSIDE_TILES_POINTS_FROM_ZOOM}, cells aggregated from the rollup V29 keeps in the
 * open-data schema; from it, the published requests themselves. Reads only the open-data schema, through the
 * open-data datasource; the filters are the OGC items route's, read by {@code opendata.query}.
 */
package io.curbside.api.tiles;
