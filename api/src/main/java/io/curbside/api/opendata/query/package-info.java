/**
 * The open-data query layer, without HTTP: the OGC API – Features query parameters and CQL2 text
 * filters, parsed with a real grammar and translated to a parameterized SQL condition over a
 * whitelist of queryable columns. Routes AND the conditions together and bind the values.
 */
package io.curbside.api.opendata.query;
