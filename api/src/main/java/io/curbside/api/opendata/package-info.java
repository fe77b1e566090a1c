/**
 * What the public may see of a request: the publication policy (generalized locations, scrubbed text)
 * that every public answer goes through.
 */
package io.curbside.api.opendata;
