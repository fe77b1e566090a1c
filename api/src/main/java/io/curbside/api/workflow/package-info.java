/**
 * The city's work on requests: staff work lists, allowed status moves, reasons to close, reassignment,
 * duplicates and notes. Staff and admins.
 */
package io.curbside.api.workflow;
