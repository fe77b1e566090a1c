/**
 * Serves the contract (openapi/curbside.yaml) and its rendered page.
 */
package io.curbside.api.docs;
