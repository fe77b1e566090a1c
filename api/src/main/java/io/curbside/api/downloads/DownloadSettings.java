package io.curbside.api.downloads;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;

/**
 * The bulk downloads ({@code curbside.opendata-downloads.*}).
 *
 * @param concurrent       downloads one node streams at once; each holds a connection of the open-data pool for as
 *                         long as it lasts, so this stays below that pool's size, leaving the other open-data routes
 *                         theirs
 * @param stall            how long a client may ask for nothing before its download is cut: a reader that stops
 *                         holds a connection, and a read transaction that keeps the database's vacuum back
 * @param maxDuration      how long one download may last in all, however steadily it is read
 * @param statementTimeout each fetch of a download's cursor may run this long, not the open-data routes' bound: a
 *                         sparse filter scans far for each thousand rows
 */
@ConfigurationProperties("curbside.opendata-downloads")
record DownloadSettings(int concurrent, Duration stall, Duration maxDuration, Duration statementTimeout) {

    DownloadSettings {
        if (concurrent < 1) {
            throw new ConfigurationException("CURBSIDE_OPENDATA_DOWNLOADS_CONCURRENT must be at least 1, not " + concurrent);
        }
        positive(stall, "CURBSIDE_OPENDATA_DOWNLOAD_STALL");
        positive(maxDuration, "CURBSIDE_OPENDATA_DOWNLOAD_MAX_DURATION");
        positive(statementTimeout, "CURBSIDE_OPENDATA_DOWNLOAD_STATEMENT_TIMEOUT");
    }

    private static void positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new ConfigurationException(name + " must be a positive duration, not " + duration);
        }
    }
}
