-- The rollup the low- and middle-zoom vector tiles are drawn from (tiles.TileRepository): how many
-- live, listed published requests there are per fine cell, service, status, district set and day,
-- so that a tile aggregates rows of this table, never the requests themselves.
--
-- The cell: the Web-Mercator tile of zoom 20 the published point lies in (about 38 m at the equator,
-- 29 m at 40° N; finer than the publication grid, so one published point is one cell), keyed by the
-- Morton code of its x and y (bits interleaved, x in the even bits). A Morton code keeps every tile
-- of every zoom one range of keys: tile (z, x, y) is the cells whose key shifted right by 2 (20 - z)
-- is the Morton code of (x, y), so one btree range answers any tile, and a tile of zoom z is drawn
-- as the cells of zoom z + 6 (64 by 64) by shifting cx and cy. One fine grid aggregated up, rather
-- than a table per zoom: one row to change per published change, and filters on the service, status,
-- district and day still aggregate from it.
CREATE TABLE opendata.request_tile_cell (
    cell           bigint NOT NULL,
    cx             integer NOT NULL,
    cy             integer NOT NULL,
    service_code   text NOT NULL,
    status         text NOT NULL,
    district_codes text[] NOT NULL,
    -- The UTC day the request was received (datetime filters at cell zooms take whole days).
    received_day   timestamptz NOT NULL,
    -- Whether the service is of the sensitive class (from the service, at the row's last change): a
    -- tile leaves out a sensitive service in a cell where it has fewer than CURBSIDE_TILES_MIN_CELL_COUNT.
    sensitive      boolean NOT NULL,
    -- 0 only for a moment inside the transaction that takes the last request away and then deletes the row.
    requests       integer NOT NULL CHECK (requests >= 0),
    PRIMARY KEY (cell, service_code, status, district_codes, received_day)
);

-- The zoom-20 tile's Morton code of a point in WGS 84, latitudes clamped to Web Mercator's.
CREATE FUNCTION opendata.tile_cell_xy(lon double precision, lat double precision) RETURNS integer[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ARRAY[
        least(1048575, greatest(0, floor((lon + 180.0) / 360.0 * 1048576.0)))::integer,
        least(1048575, greatest(0, floor((1.0 - ln(tan(radians(least(85.0511287798, greatest(-85.0511287798, lat))))
            + 1.0 / cos(radians(least(85.0511287798, greatest(-85.0511287798, lat))))) / pi()) / 2.0 * 1048576.0)))::integer]
$$;

CREATE FUNCTION opendata.tile_cell_key(cx integer, cy integer) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    key bigint := 0;
BEGIN
    FOR bit IN 0..19 LOOP
        key := key | (((cx::bigint >> bit) & 1) << (2 * bit)) | (((cy::bigint >> bit) & 1) << (2 * bit + 1));
    END LOOP;
    RETURN key;
END
$$;

-- Kept in the writing transaction: a published row's old contribution is taken away and its new one
-- added, so a tile never shows a count its dataset version does not. Rows that are no feature
-- (tombstones, not yet listed, no point) contribute nothing. The two rollup rows are changed in key
-- order, so two writers moving requests between the same two keys in opposite directions wait for
-- each other rather than deadlock.
CREATE FUNCTION opendata.request_tile_cell_add(p_cell bigint, p_cx integer, p_cy integer, p_service text,
                                              p_status text, p_districts text[], p_day timestamptz)
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO opendata.request_tile_cell AS c (cell, cx, cy, service_code, status, district_codes, received_day,
                                                 sensitive, requests)
    VALUES (p_cell, p_cx, p_cy, p_service, p_status, p_districts, p_day,
            coalesce((SELECT s.privacy_class = 'sensitive' FROM public.service s WHERE s.code = p_service), false), 1)
    ON CONFLICT (cell, service_code, status, district_codes, received_day)
        DO UPDATE SET requests = c.requests + 1, sensitive = EXCLUDED.sensitive
$$;

CREATE FUNCTION opendata.request_tile_cell_remove(key bigint, service text, state text, districts text[],
                                                 day timestamptz) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    left_over integer;
BEGIN
    -- The decrement locks the row; it is deleted only if that left none, while still locked. (A decrement that
    -- matched nothing would lock nothing, and an add committed before the delete would be deleted with it.)
    UPDATE opendata.request_tile_cell SET requests = requests - 1
    WHERE cell = key AND service_code = service AND status = state AND district_codes = districts
      AND received_day = day
    RETURNING requests INTO left_over;
    IF left_over = 0 THEN
        DELETE FROM opendata.request_tile_cell
        WHERE cell = key AND service_code = service AND status = state AND district_codes = districts
          AND received_day = day AND requests = 0;
    END IF;
END
$$;

CREATE FUNCTION opendata.request_tile_cell_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_live boolean := TG_OP IN ('UPDATE', 'DELETE') AND OLD.withdrawn_at IS NULL AND OLD.listed
        AND OLD.location IS NOT NULL;
    new_live boolean := TG_OP IN ('INSERT', 'UPDATE') AND NEW.withdrawn_at IS NULL AND NEW.listed
        AND NEW.location IS NOT NULL;
    old_xy integer[];
    new_xy integer[];
    old_cell bigint;
    new_cell bigint;
    old_day timestamptz;
    new_day timestamptz;
BEGIN
    IF old_live THEN
        old_xy := opendata.tile_cell_xy(ST_X(OLD.location), ST_Y(OLD.location));
        old_cell := opendata.tile_cell_key(old_xy[1], old_xy[2]);
        old_day := date_trunc('day', OLD.received_at, 'UTC');
    END IF;
    IF new_live THEN
        new_xy := opendata.tile_cell_xy(ST_X(NEW.location), ST_Y(NEW.location));
        new_cell := opendata.tile_cell_key(new_xy[1], new_xy[2]);
        new_day := date_trunc('day', NEW.received_at, 'UTC');
    END IF;
    IF old_live AND new_live AND (old_cell, OLD.service_code, OLD.status, coalesce(OLD.district_codes, '{}'), old_day)
            = (new_cell, NEW.service_code, NEW.status, coalesce(NEW.district_codes, '{}'), new_day) THEN
        -- The same key: the count stays; a service's new privacy class (every request republished) still lands.
        UPDATE opendata.request_tile_cell c SET sensitive = s.privacy_class = 'sensitive'
        FROM public.service s
        WHERE s.code = NEW.service_code AND c.cell = new_cell AND c.service_code = NEW.service_code
          AND c.status = NEW.status AND c.district_codes = coalesce(NEW.district_codes, '{}')
          AND c.received_day = new_day AND c.sensitive IS DISTINCT FROM (s.privacy_class = 'sensitive');
        RETURN NULL;
    END IF;
    IF old_live AND new_live
            AND (new_cell, NEW.service_code, NEW.status, coalesce(NEW.district_codes, '{}'), new_day)
                < (old_cell, OLD.service_code, OLD.status, coalesce(OLD.district_codes, '{}'), old_day) THEN
        PERFORM opendata.request_tile_cell_add(new_cell, new_xy[1], new_xy[2], NEW.service_code, NEW.status,
                                               coalesce(NEW.district_codes, '{}'), new_day);
        PERFORM opendata.request_tile_cell_remove(old_cell, OLD.service_code, OLD.status,
                                                  coalesce(OLD.district_codes, '{}'), old_day);
        RETURN NULL;
    END IF;
    IF old_live THEN
        PERFORM opendata.request_tile_cell_remove(old_cell, OLD.service_code, OLD.status,
                                                  coalesce(OLD.district_codes, '{}'), old_day);
    END IF;
    IF new_live THEN
        PERFORM opendata.request_tile_cell_add(new_cell, new_xy[1], new_xy[2], NEW.service_code, NEW.status,
                                               coalesce(NEW.district_codes, '{}'), new_day);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER published_request_tile_cell AFTER INSERT OR UPDATE OR DELETE ON opendata.published_request
    FOR EACH ROW EXECUTE FUNCTION opendata.request_tile_cell_change();

-- The whole rollup again from the published rows: what this migration does for the rows already
-- published, and what a bulk load does after loading with the trigger off (script/bench tiles).
CREATE FUNCTION opendata.rebuild_request_tile_cells() RETURNS bigint LANGUAGE sql AS $$
    DELETE FROM opendata.request_tile_cell;
    INSERT INTO opendata.request_tile_cell (cell, cx, cy, service_code, status, district_codes, received_day,
                                            sensitive, requests)
    SELECT opendata.tile_cell_key(xy[1], xy[2]), xy[1], xy[2], service_code, status, district_codes, received_day,
           bool_or(sensitive), count(*)
    FROM (SELECT opendata.tile_cell_xy(ST_X(p.location), ST_Y(p.location)) AS xy, p.service_code, p.status,
                 coalesce(p.district_codes, '{}') AS district_codes,
                 date_trunc('day', p.received_at, 'UTC') AS received_day,
                 coalesce(s.privacy_class = 'sensitive', false) AS sensitive
          FROM opendata.published_request p LEFT JOIN public.service s ON s.code = p.service_code
          WHERE p.withdrawn_at IS NULL AND p.listed AND p.location IS NOT NULL) AS live
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
    SELECT count(*) FROM opendata.request_tile_cell;
$$;

SELECT opendata.rebuild_request_tile_cells();

-- Every tile asks the dataset's version first (PublishedRequests.version: max(changed_xid) of the
-- listed rows); no index answered it, so each ask read the whole table: 1.8 s on 5 M rows
-- (script/bench tiles), paid by every export's ETag too. With this one it is an index's last entry.
CREATE INDEX published_request_listed_changed_idx ON opendata.published_request (changed_xid) WHERE listed;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'curbside_opendata') THEN
        GRANT SELECT ON opendata.request_tile_cell TO curbside_opendata;
    END IF;
END
$$;
