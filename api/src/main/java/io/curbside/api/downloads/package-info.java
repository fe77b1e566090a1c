/**
 * The published requests in bulk: whole-dataset downloads as CSV, GeoJSON and NDJSON, streamed from a
 * server-side cursor, and the daily snapshots of each format written by one node and listed with their size,
 * row count and SHA-256. Reads only through {@code io.curbside.api.published}.
 */
package io.curbside.api.downloads;
