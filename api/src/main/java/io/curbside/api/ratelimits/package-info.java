/**
 * Rate limits (per address, per signed-in person, per API key) and the API keys that raise them.
 */
package io.curbside.api.ratelimits;
