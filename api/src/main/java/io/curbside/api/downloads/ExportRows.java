package io.curbside.api.downloads;

import io.curbside.api.published.PublishedRow;

import java.io.IOException;

/** Writes published rows in one format: what comes before the first row, each row, what comes after the last. */
interface ExportRows {

    void start() throws IOException;

    void row(PublishedRow row) throws IOException;

    void end() throws IOException;
}
