/**
 * Neighbourhood liaisons filing requests for neighbours, one at a time or in idempotent batches, with
 * consent, and the requests they filed.
 */
package io.curbside.api.liaisons;
