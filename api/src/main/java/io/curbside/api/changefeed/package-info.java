/**
 * The change feed of the published dataset ({@code GET /v1/opendata/changes}): every published request
 * created, changed or withdrawn after a position, in the order of the transactions that wrote them,
 * so a mirror replaying it from the start holds what the open data holds. Reads through
 * {@code published} only.
 */
package io.curbside.api.changefeed;
