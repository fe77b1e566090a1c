package io.curbside.api.tiles;

import io.curbside.api.opendata.query.SqlFragment;
import io.curbside.api.opendata.query.SqlValue;
import io.curbside.api.published.PublishedRequests;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the tiles, through the open-data datasource (its role reads the open-data schema only). Both
 * statements answer with the tile's bytes as PostGIS encodes them ({@code ST_AsMVT}), empty when the tile has
 * no feature.
 */
@Singleton
class TileRepository {

    /** The layer of the aggregated cells, and of the requests themselves: the names a map style uses. */
    static final String CELLS = "cells";
    static final String REQUESTS = "requests";
    /** Around each tile, this many of its 4096 units of points are drawn too, so symbols at an edge are not cut. */
    static final int BUFFER = 64;

    private static final String CELLS_SQL = """
            WITH matched AS (
                SELECT cx >> ?::integer AS gx, cy >> ?::integer AS gy, service_code, status, received_day, sensitive, requests
                FROM opendata.request_tile_cell WHERE cell BETWEEN ? AND ? AND (%s)
            ), kept AS (
                SELECT gx, gy, service_code, status, received_day, requests FROM (
                    SELECT matched.*, sum(requests) FILTER (WHERE sensitive) OVER (PARTITION BY gx, gy, service_code)
                        AS of_service FROM matched) AS counted
                WHERE NOT sensitive OR of_service >= ?
            ), services AS (
                SELECT gx, gy, string_agg(service_code, ',' ORDER BY rank) FILTER (WHERE rank <= 3) AS top_services
                FROM (SELECT gx, gy, service_code, row_number() OVER (PARTITION BY gx, gy
                                                                      ORDER BY sum(requests) DESC, service_code) AS rank
                      FROM kept GROUP BY gx, gy, service_code) AS ranked
                GROUP BY gx, gy
            ), ages AS (
                SELECT DISTINCT ON (gx, gy) gx, gy, age FROM (
                    SELECT gx, gy, age, sum(n) OVER (PARTITION BY gx, gy ORDER BY age) AS up_to,
                           sum(n) OVER (PARTITION BY gx, gy) AS open
                    FROM (SELECT gx, gy, ?::date - (received_day AT TIME ZONE 'UTC')::date AS age, sum(requests) AS n
                          FROM kept WHERE status <> 'closed' GROUP BY 1, 2, 3) AS by_age) AS cumulated
                WHERE 2 * up_to >= open ORDER BY gx, gy, age
            ), cells AS (
                SELECT gx, gy, sum(requests)::integer AS count,
                       coalesce(sum(requests) FILTER (WHERE status <> 'closed'), 0)::integer AS count_open,
                       coalesce(sum(requests) FILTER (WHERE status = 'received'), 0)::integer AS count_received,
                       coalesce(sum(requests) FILTER (WHERE status = 'acknowledged'), 0)::integer AS count_acknowledged,
                       coalesce(sum(requests) FILTER (WHERE status = 'in_progress'), 0)::integer AS count_in_progress,
                       coalesce(sum(requests) FILTER (WHERE status = 'closed'), 0)::integer AS count_closed
                FROM kept GROUP BY gx, gy
            )
            SELECT ST_AsMVT(tile, 'cells', 4096, 'geom') FROM (
                SELECT ST_MakePoint((c.gx - ?) * ? + ? / 2, (c.gy - ?) * ? + ? / 2) AS geom, c.count, c.count_open,
                       c.count_received, c.count_acknowledged, c.count_in_progress, c.count_closed, s.top_services,
                       a.age AS median_open_age_days
                FROM cells c JOIN services s USING (gx, gy) LEFT JOIN ages a USING (gx, gy)) AS tile""";

    private static final String POINTS_SQL = """
            SELECT ST_AsMVT(tile, 'requests', 4096, 'geom') FROM (
                SELECT ST_AsMVTGeom(ST_Transform(location, 3857), ST_TileEnvelope(?, ?, ?), 4096, ?, true) AS geom,
                       tracking_number, service_code, status,
                       to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS received_at, on_time
                %s location && ST_Transform(ST_TileEnvelope(?, ?, ?, margin => ?), 4326) AND (%s)) AS tile
            WHERE geom IS NOT NULL""";

    private final JdbcOperations jdbc;

    TileRepository(@Named("opendata") JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The tile's cells from the rollup: each cell of zoom {@link TileAddress#cellZoom} holding a matching request,
     * as a point at its centre, sensitive services left out where a cell has fewer than {@code minCellCount} of
     * them. Ages of open requests are counted in days to {@code today}.
     */
    byte[] cells(TileAddress tile, SqlFragment where, int minCellCount, LocalDate today) {
        int shift = TileAddress.CELL_ZOOM - tile.cellZoom();
        int perSide = 1 << (tile.cellZoom() - tile.z());
        int width = TileAddress.EXTENT / perSide;
        List<SqlValue> values = new ArrayList<>();
        values.add(new SqlValue.WholeNumber(shift));
        values.add(new SqlValue.WholeNumber(shift));
        values.add(new SqlValue.WholeNumber(tile.firstKey()));
        values.add(new SqlValue.WholeNumber(tile.lastKey()));
        values.addAll(where.values());
        values.add(new SqlValue.WholeNumber(minCellCount));
        return jdbc.prepareStatement(CELLS_SQL.formatted(where.sql()), ps -> {
            int i = bind(ps, values);
            ps.setObject(++i, today);
            long x0 = (long) tile.x() * perSide;
            long y0 = (long) tile.y() * perSide;
            for (long origin : new long[] {x0, y0}) {
                ps.setLong(++i, origin);
                ps.setInt(++i, width);
                ps.setInt(++i, width);
            }
            return bytes(ps);
        });
    }

    /** The tile's published requests, with {@link #BUFFER} units around it. */
    byte[] points(TileAddress tile, SqlFragment where) {
        return jdbc.prepareStatement(POINTS_SQL.formatted(PublishedRequests.LIVE, where.sql()), ps -> {
            int i = 0;
            ps.setInt(++i, tile.z());
            ps.setInt(++i, tile.x());
            ps.setInt(++i, tile.y());
            ps.setInt(++i, BUFFER);
            ps.setInt(++i, tile.z());
            ps.setInt(++i, tile.x());
            ps.setInt(++i, tile.y());
            ps.setDouble(++i, (double) BUFFER / TileAddress.EXTENT);
            bind(ps, i, where.values());
            return bytes(ps);
        });
    }

    private static byte[] bytes(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            byte[] tile = rs.getBytes(1);
            return tile == null ? new byte[0] : tile;
        }
    }

    private static int bind(PreparedStatement ps, List<SqlValue> values) throws SQLException {
        return bind(ps, 0, values);
    }

    private static int bind(PreparedStatement ps, int from, List<SqlValue> values) throws SQLException {
        int i = from;
        for (SqlValue value : values) {
            ps.setObject(++i, value.jdbcValue());
        }
        return i;
    }
}
