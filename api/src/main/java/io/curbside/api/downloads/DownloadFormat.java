package io.curbside.api.downloads;

import io.micronaut.http.MediaType;

import java.util.Locale;
import java.util.Optional;

/**
 * A format of the bulk downloads: its file extension and media type. NDJSON is {@code application/x-ndjson},
 * the type the NDJSON spec and its readers (jq, pandas, DuckDB, BigQuery) use: no registered type exists.
 */
enum DownloadFormat {

    CSV("csv", "text/csv; charset=utf-8; header=present"),
    GEOJSON("geojson", "application/geo+json"),
    NDJSON("ndjson", "application/x-ndjson");

    private final String extension;
    private final MediaType mediaType;

    DownloadFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = MediaType.of(mediaType);
    }

    String extension() {
        return extension;
    }

    MediaType mediaType() {
        return mediaType;
    }

    static Optional<DownloadFormat> ofExtension(String extension) {
        for (DownloadFormat format : values()) {
            if (format.extension.equals(extension.toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
