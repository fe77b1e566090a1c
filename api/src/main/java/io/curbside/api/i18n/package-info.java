/**
 * Languages: negotiating the caller's language, texts in several languages, and the sentences Curbside
 * itself says. Foundation: used by every feature, depends on none.
 */
package io.curbside.api.i18n;
