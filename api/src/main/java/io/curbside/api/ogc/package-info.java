/**
 * OGC API – Features (Part 1: Core, GeoJSON, HTML, OpenAPI 3.0) under {@code /ogc}: the landing page,
 * conformance, the API definition, and one collection per {@link io.curbside.api.ogc.FeatureSource}.
 * Each collection's data comes from its source; this package only speaks the standard. Beside it, in the
 * same two encodings and pages, the data dictionary of the published requests ({@code /v1/opendata/dictionary}),
 * which the landing page and the collection link to as {@code describedby}.
 */
package io.curbside.api.ogc;
