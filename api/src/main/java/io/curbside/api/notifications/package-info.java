/**
 * The outbox: webhooks and e-mail queued in the transaction of the change they tell of, delivered by
 * any node, retried with back-off.
 */
package io.curbside.api.notifications;
