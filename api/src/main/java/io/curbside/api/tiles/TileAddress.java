package io.curbside.api.tiles;

import io.curbside.api.problem.ProblemException;

import java.util.regex.Pattern;

/**
 * A tile of the Web-Mercator tile matrix (XYZ: y counts down from the north), read strictly from the path: each
 * of z, x and y a whole number without sign or leading zero, x and y inside the zoom's 2^z columns and rows.
 */
record TileAddress(int z, int x, int y) {

    /** The rollup's cells are the tiles of this zoom (V29). */
    static final int CELL_ZOOM = 20;
    /** A tile of zoom z is drawn as the cells of zoom z + 6: 64 by 64, 64 units of the 4096 apart. */
    static final int CELLS_DEEPER = 6;
    static final int EXTENT = 4096;
    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,6}");

    TileAddress {
        if (z < 0 || z > TileSettings.DEEPEST) {
            throw ProblemException.invalidParameter("z", "is a zoom from 0 to " + TileSettings.DEEPEST);
        }
        long side = 1L << z;
        if (x < 0 || x >= side) {
            throw ProblemException.invalidParameter("x", "is a column from 0 to " + (side - 1) + " at zoom " + z);
        }
        if (y < 0 || y >= side) {
            throw ProblemException.invalidParameter("y", "is a row from 0 to " + (side - 1) + " at zoom " + z);
        }
    }

    static TileAddress parse(String z, String x, String y) {
        return new TileAddress(number("z", z), number("x", x), number("y", y));
    }

    private static int number(String name, String text) {
        if (!NUMBER.matcher(text).matches()) {
            throw ProblemException.invalidParameter(name, "is a whole number without sign or leading zeros, not \""
                    + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "\"");
        }
        return Integer.parseInt(text);
    }

    /** The zoom of the cells this tile is drawn with (never finer than the rollup's). */
    int cellZoom() {
        return Math.min(z + CELLS_DEEPER, CELL_ZOOM);
    }

    /** The rollup keys of this tile: the cells whose Morton code starts with the tile's (V29). */
    long firstKey() {
        return morton(x, y) << (2 * (CELL_ZOOM - z));
    }

    long lastKey() {
        return ((morton(x, y) + 1) << (2 * (CELL_ZOOM - z))) - 1;
    }

    /** The Morton code of a tile of zoom at most 20, x in the even bits: V29's opendata.tile_cell_key. */
    static long morton(int x, int y) {
        long key = 0;
        for (int bit = 0; bit < CELL_ZOOM; bit++) {
            key |= (((long) x >> bit) & 1) << (2 * bit) | (((long) y >> bit) & 1) << (2 * bit + 1);
        }
        return key;
    }

    @Override
    public String toString() {
        return z + "/" + x + "/" + y;
    }
}
