package io.curbside.api.downloads;

import io.curbside.api.jurisdiction.Jurisdiction;
import io.curbside.api.jurisdiction.JurisdictionService;
import io.curbside.api.opendata.query.ItemsQuery;
import io.curbside.api.published.PublishedForm;
import io.curbside.api.published.PublishedRequests;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Writes the published requests a query matches in one format, read through a server-side cursor in one read
 * transaction of the open-data datasource: the one path of both the downloads and the daily snapshots.
 */
@Singleton
class Exports {

    /** Rows the CSV's cursor fetches at once, and hands to its writer's thread at once ({@link OverlappedRows}). */
    static final int CSV_FETCH_ROWS = 1000;

    private final PublishedRequests published;
    private final TransactionOperations<Connection> transactions;
    private final PublishedForm form;
    private final JsonMapper json;
    private final JurisdictionService jurisdiction;
    private final Duration statementTimeout;
    private final ExportRepository session;
    private final ExecutorService executor;

    Exports(PublishedRequests published, @Named("opendata") TransactionOperations<Connection> transactions,
            PublishedForm form, JsonMapper json, JurisdictionService jurisdiction, DownloadSettings downloads,
            ExportRepository session, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.published = published;
        this.transactions = transactions;
        this.form = form;
        this.json = json;
        this.jurisdiction = jurisdiction;
        this.statementTimeout = downloads.statementTimeout();
        this.session = session;
        this.executor = executor;
    }

    /** The district layers a CSV has a column for: the city's current ones, in the order of its boundaries file. */
    List<String> layers() {
        return jurisdiction.loaded().map(city -> city.jurisdiction().layers().stream().map(Jurisdiction.Layer::code)
                .toList()).orElse(List.of());
    }

    /** What changes whenever a published row does (see {@link PublishedRequests#version()}). */
    String version() {
        return transactions.executeRead(status -> published.version());
    }

    /**
     * What {@code exporting} returns, with every export it makes read from one snapshot of the data (one REPEATABLE
     * READ transaction, which each export's joins), so they hold the same rows.
     */
    <R> R inOneSnapshot(TransactionCallback<Connection, R> exporting) {
        return transactions.executeRead(status -> {
            session.repeatableRead();
            return exporting.call(status);
        });
    }

    /** Writes every matching row to {@code out}, in the query's order; says how many. */
    long write(DownloadFormat format, ItemsQuery query, List<String> layers, OutputStream out) throws IOException {
        try {
            return transactions.executeRead(status -> {
                session.allowLongerFetches(statementTimeout);
                if (format == DownloadFormat.CSV) {
                    return OverlappedRows.run(executor, new CsvRows(out, form, layers), CSV_FETCH_ROWS,
                            rows -> published.eachText(query.where(), query.orderBy(), CSV_FETCH_ROWS,
                                    rows::add));
                }
                FeatureRows rows = new FeatureRows(out, form, json, format == DownloadFormat.GEOJSON);
                rows.start();
                long count = published.each(query.where(), query.orderBy(), row -> {
                    try {
                        rows.row(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                rows.end();
                return count;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
