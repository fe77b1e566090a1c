package io.curbside.api.tiles;

import io.curbside.api.opendata.query.ItemsParameters;
import io.curbside.api.opendata.query.PageCursors;
import io.curbside.api.opendata.query.Queryables;
import io.curbside.api.opendata.query.Queryables.Queryable;
import io.curbside.api.opendata.query.Queryables.Type;
import io.curbside.api.opendata.query.SqlFragment;
import io.curbside.api.problem.ProblemException;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tiles' filters: {@code service_code}, {@code status}, {@code district} and {@code datetime}, read by the OGC
 * items route's own parser ({@link ItemsParameters}) so that the names, the comma lists and the intervals mean
 * the same and are refused the same. Read twice: against the published table for the points, and against the
 * rollup's columns for the cells, where {@code datetime} takes the UTC days that begin inside the interval (a
 * date or an interval of dates, as the items route reads them, is exact).
 */
@Singleton
class TileFilters {

    static final List<String> NAMES = List.of("service_code", "status", "district", "datetime");

    /**
     * The rollup (V29) under the names the parser needs. The items parser requires the id, the geometry, the
     * department and the channel to be queryable; the tiles refuse those parameters before it reads any, so they
     * stand for nothing here.
     */
    static final Queryables CELLS = new Queryables(List.of(
            new Queryable("service_code", "service_code", Type.STRING, "the kind of request"),
            new Queryable("status", "status", Type.STRING, "where it is in its life"),
            new Queryable("district", "district_codes", Type.STRING_ARRAY_CONTAINS, "a district it lies in"),
            new Queryable("received_at", "received_day", Type.TIMESTAMP, "the UTC day it was reported"),
            new Queryable("tracking_number", "NULL::text", Type.STRING, "not in the rollup"),
            new Queryable("department", "NULL::text", Type.STRING, "not in the rollup"),
            new Queryable("channel", "NULL::text", Type.STRING, "not in the rollup"),
            new Queryable("geometry", "NULL::geometry", Type.GEOMETRY, "not in the rollup")));

    private final ItemsParameters points;
    private final ItemsParameters cells;

    TileFilters() {
        // No cursor is taken (the parameter is refused first), so the key signs nothing that leaves the node.
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.points = new ItemsParameters(Queryables.PUBLISHED_REQUEST, new PageCursors(key));
        this.cells = new ItemsParameters(CELLS, new PageCursors(key));
    }

    /** The filter the query asks for; any parameter but the four (and {@code api_key}) is refused. */
    TileFilter read(Map<String, List<String>> query) {
        Map<String, List<String>> asked = new TreeMap<>(query);
        asked.remove("api_key");
        for (String name : asked.keySet()) {
            if (!NAMES.contains(name)) {
                throw ProblemException.invalidParameter(name, "is not a parameter of the tiles; they are "
                        + String.join(", ", NAMES));
            }
        }
        SqlFragment onPoints = points.read(asked, Set.of()).where();
        SqlFragment onCells = cells.read(asked, Set.of()).where();
        Map<String, String> kept = new TreeMap<>();
        asked.forEach((name, values) -> kept.put(name, values.get(0)));
        return new TileFilter(kept, onPoints, onCells);
    }

    /**
     * A filter read: the parameters as given (in name order, for the cache's key and the TileJSON's tile URL),
     * and its condition on the published table and on the rollup.
     */
    record TileFilter(Map<String, String> parameters, SqlFragment onPoints, SqlFragment onCells) {

        String key() {
            return parameters.toString();
        }
    }
}
