/**
 * What the public may see of a request: the publication policy (generalized locations, scrubbed
 * text, coarse times), the one projector that builds a request's {@link io.curbside.api.opendata.PublicRequest}
 * under it, the publisher that keeps {@code opendata.published_request} in step with every
 * change, in the same transaction, and {@code PublicAnswers}, which alone turns that form into the
 * public answers of the other routes (status page, nearby, updates feed, webhooks). Readers of the published dataset use the {@code opendata}
 * datasource ({@code @Named("opendata")} JdbcOperations and TransactionOperations), whose role
 * can read that schema and nothing else.
 */
package io.curbside.api.opendata;
