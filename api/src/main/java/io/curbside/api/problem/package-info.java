/**
 * RFC 9457 problem details: the problem types, and how exceptions become application/problem+json
 * answers. Foundation.
 */
package io.curbside.api.problem;
