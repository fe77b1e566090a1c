/**
 * Intake: validating and filing a report (JSON or multipart with photos), routing, due dates, the
 * answer with what happens next; nearby requests and me-too; a signed-in person's own requests.
 */
package io.curbside.api.reports;
