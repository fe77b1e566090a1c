/**
 * The service catalog: services, their questions, groups, departments, targets and privacy classes, in
 * every language the city offers; imported from a file, edited by admins with every version kept.
 */
package io.curbside.api.catalog;
