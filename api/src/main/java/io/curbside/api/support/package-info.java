/**
 * Small helpers every feature uses: entity tags, paging cursors, public URLs, file sources, YAML and
 * JSON trees, plain-text checks. Foundation.
 */
package io.curbside.api.support;
