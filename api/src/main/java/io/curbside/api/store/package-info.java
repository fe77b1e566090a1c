/**
 * What several features keep in PostgreSQL together: the versions of the imported reference data
 * (catalog, city), the lock imports take, and jsonb columns. Foundation: its repositories are shared by design.
 */
package io.curbside.api.store;
