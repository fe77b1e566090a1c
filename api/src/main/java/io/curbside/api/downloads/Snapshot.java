package io.curbside.api.downloads;

import java.time.Instant;
import java.time.LocalDate;

/** One daily snapshot file as {@code opendata.snapshot} lists it; {@code sha256} in hex, of the gzip file. */
record Snapshot(String name, String format, LocalDate date, long sizeBytes, long rowCount, String sha256,
                Instant createdAt) {

    /** The file name of a format's snapshot of a day: {@code curbside-requests-2026-12-07.csv.gz}. */
    static String name(LocalDate date, DownloadFormat format) {
        return "curbside-requests-" + date + "." + format.extension() + ".gz";
    }
}
