package io.curbside.api.tiles;

import io.curbside.api.published.PublishedRequests;
import io.curbside.api.support.OpenDataSettings;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.tiles.TileFilters.TileFilter;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Makes a tile, or finds it made: the dataset's version is read first (two index reads), and a tile kept at that
 * version is answered without another statement. Below {@link TileSettings#pointsFromZoom} a tile is the cells of
 * the rollup; from it, the published requests.
 */
@Singleton
class Tiles {

    private final TileRepository repository;
    private final PublishedRequests published;
    private final TransactionOperations<Connection> transactions;
    private final TileCache cache;
    private final TileSettings settings;
    private final Clock clock;
    private final String cacheControl;

    Tiles(TileRepository repository, PublishedRequests published,
          @Named("opendata") TransactionOperations<Connection> transactions, TileCache cache, TileSettings settings,
          Clock clock, OpenDataSettings caching) {
        this.repository = repository;
        this.published = published;
        this.transactions = transactions;
        this.cache = cache;
        this.settings = settings;
        this.clock = clock;
        this.cacheControl = "public, max-age=" + caching.maxAge().toSeconds();
    }

    /** What OpenDataCaching says on every 200, for the 204 of an empty tile, which it leaves alone. */
    String cacheControl() {
        return cacheControl;
    }

    /** The tile's bytes (MVT 2.1, not compressed), empty when no feature is in it; 404 outside the zooms served. */
    byte[] tile(TileAddress address, TileFilter filter) {
        if (address.z() < settings.minZoom() || address.z() > settings.maxZoom()) {
            throw ProblemException.notFound("The service-requests tiles go from zoom " + settings.minZoom() + " to "
                    + settings.maxZoom() + "; there is no tile " + address + ".");
        }
        boolean points = address.z() >= settings.pointsFromZoom();
        // A cell's median age changes with the day, not only with the data.
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        String key = address + "?" + filter.key();
        return transactions.executeRead(status -> {
            String version = published.version() + (points ? "" : "@" + today);
            byte[] kept = cache.get(key, version);
            if (kept != null) {
                return kept;
            }
            byte[] tile = points ? repository.points(address, filter.onPoints())
                    : repository.cells(address, filter.onCells(), settings.minCellCount(), today);
            cache.put(key, version, tile);
            return tile;
        });
    }
}
