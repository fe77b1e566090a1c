/**
 * OGC API – Features (Part 1: Core, GeoJSON, HTML, OpenAPI 3.0) under {@code /ogc}: the landing page,
 * conformance, the API definition, and one collection per {@link io.curbside.api.ogc.FeatureSource}.
 * Each collection's data comes from its source; this package only speaks the standard.
 */
package io.curbside.api.ogc;
