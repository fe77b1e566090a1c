package io.curbside.api.downloads;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;

/** The settings of an export's read transaction on the open-data datasource; each call joins the caller's. */
@Singleton
class ExportRepository {

    private final JdbcOperations opendata;

    ExportRepository(@Named("opendata") JdbcOperations opendata) {
        this.opendata = opendata;
    }

    /**
     * The open-data pool's statement_timeout (and, past it, its socket timeout) bound a page of the items; an
     * export's fetch may need longer to find its thousand rows under a sparse filter. For this transaction only:
     * the pool restores the socket timeout when the connection comes back.
     */
    void allowLongerFetches(Duration timeout) {
        opendata.prepareStatement("SELECT set_config('statement_timeout', ?, true)", ps -> {
            ps.setString(1, Long.toString(timeout.toMillis()));
            ps.execute();
            ps.getConnection().setNetworkTimeout(Runnable::run, Math.toIntExact(timeout.plusSeconds(15).toMillis()));
            return null;
        });
    }

    /** Every read of this transaction sees the same snapshot of the data: its first statement. */
    void repeatableRead() {
        opendata.prepareStatement("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", ps -> ps.execute());
    }
}
