/**
 * The city: its boundary and district layers, where a point is, and uploads of a new city with every
 * upload kept.
 */
package io.curbside.api.jurisdiction;
