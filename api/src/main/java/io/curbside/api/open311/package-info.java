/**
 * Open311 GeoReport v2 under {@code /open311/v2}: discovery, the services and their definitions from
 * the catalog, filing through the same intake as {@code POST /v1/requests}, and the reads of the
 * published dataset, each in XML and JSON as the suffix asks. An adapter only: it owns no table and
 * no rule of its own, and turns every refusal (problem+json) into the spec's list of errors.
 */
package io.curbside.api.open311;
