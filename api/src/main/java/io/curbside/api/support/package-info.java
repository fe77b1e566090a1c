/**
 * Small helpers every feature uses: entity tags, paging cursors, public URLs, the trusted proxies
 * (whose forwarding headers alone are believed, for the client's address and the host it called),
 * file sources, YAML and JSON trees, plain-text checks. Foundation.
 */
package io.curbside.api.support;
