/**
 * The published requests as every open route reads them: {@code opendata.published_request} through the
 * open-data datasource only, and {@link io.curbside.api.published.PublishedForm}, the one shape of a
 * published request in every open format. Written by {@code opendata}; read here.
 */
package io.curbside.api.published;
