/**
 * Small helpers every feature uses: entity tags, paging cursors, public URLs, the trusted proxies
 * (whose forwarding headers alone are believed, for the client's address and the host it called),
 * file sources, YAML and JSON trees, plain-text checks, and what browsers are told: which other sites
 * may call (CORS), which answers no one may store, and the headers that keep pages safe. Foundation.
 */
package io.curbside.api.support;
