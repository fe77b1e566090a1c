/**
 * Idempotency-Key for every POST that creates something: claims, stored answers, replays. Foundation.
 */
package io.curbside.api.idempotency;
