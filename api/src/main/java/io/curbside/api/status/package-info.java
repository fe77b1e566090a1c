/**
 * A request's status as the public and its reporter see it: the status page of a tracking number.
 */
package io.curbside.api.status;
