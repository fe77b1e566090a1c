package io.curbside.api.downloads;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The bulk downloads ({@code curbside.opendata-downloads.*}).
 *
 * @param concurrent downloads one node streams at once; each holds a connection of the open-data pool for as long
 *                   as it lasts, so this stays below that pool's size, leaving the other open-data routes theirs
 */
@ConfigurationProperties("curbside.opendata-downloads")
record DownloadSettings(int concurrent) {

    DownloadSettings {
        if (concurrent < 1) {
            throw new io.micronaut.context.exceptions.ConfigurationException(
                    "CURBSIDE_OPENDATA_DOWNLOADS_CONCURRENT must be at least 1, not " + concurrent);
        }
    }
}
