package io.curbside.api.downloads;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The daily snapshots ({@code curbside.opendata-snapshots.*}).
 *
 * @param directory where the files are written; every node serves from it, so several nodes share it (a network
 *                  volume)
 * @param retention how long a snapshot is kept: older files and their rows are deleted (whole days, at least one)
 */
@ConfigurationProperties("curbside.opendata-snapshots")
record SnapshotSettings(Path directory, Duration retention) {

    SnapshotSettings {
        if (retention.toDays() < 1) {
            throw new ConfigurationException("CURBSIDE_OPENDATA_SNAPSHOT_RETENTION must be at least 1d, not " + retention);
        }
        directory = directory.toAbsolutePath().normalize();
    }
}
