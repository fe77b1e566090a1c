/**
 * Photos: checks of what was uploaded, metadata stripping, thumbnails, and the store (disk or S3).
 */
package io.curbside.api.photos;
