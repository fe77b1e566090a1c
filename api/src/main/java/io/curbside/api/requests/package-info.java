/**
 * The request itself, shared by every feature: the stored request, its tracking number and receipt
 * token, and its history of events. Depends on no feature, only on the foundation.
 */
package io.curbside.api.requests;
