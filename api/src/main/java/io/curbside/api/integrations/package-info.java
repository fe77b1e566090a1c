/**
 * Administration of machine clients: API keys (served by ratelimits/) and webhook subscriptions
 * (delivered by notifications/). Admins only.
 */
package io.curbside.api.integrations;
