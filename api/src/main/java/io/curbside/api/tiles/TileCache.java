package io.curbside.api.tiles;

import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tiles made lately, in memory, least recently used first out once they take more than
 * {@code CURBSIDE_TILES_CACHE_MB}. Each is kept with the dataset version (and, for cells, the day) it was made
 * at: a tile asked at another is made again, so a change to the published rows is never answered from here.
 */
@Singleton
class TileCache {

    /** What an entry costs beside its bytes: the key, the map's node, the arrays' headers. */
    private static final int OVERHEAD = 200;

    private final long capacity;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long size;

    TileCache(TileSettings settings) {
        this.capacity = settings.cacheMegabytes() * 1024L * 1024L;
    }

    private record Entry(String version, byte[] tile) {
    }

    /** The tile kept under this key at this version, or null. */
    synchronized byte[] get(String key, String version) {
        Entry entry = entries.get(key);
        return entry != null && entry.version().equals(version) ? entry.tile() : null;
    }

    synchronized void put(String key, String version, byte[] tile) {
        long cost = cost(key, tile);
        if (cost > capacity) {
            return;
        }
        Entry old = entries.put(key, new Entry(version, tile));
        if (old != null) {
            size -= cost(key, old.tile());
        }
        size += cost;
        var eldest = entries.entrySet().iterator();
        while (size > capacity && eldest.hasNext()) {
            Map.Entry<String, Entry> out = eldest.next();
            size -= cost(out.getKey(), out.getValue().tile());
            eldest.remove();
        }
    }

    synchronized int count() {
        return entries.size();
    }

    private static long cost(String key, byte[] tile) {
        return tile.length + 2L * key.length() + OVERHEAD;
    }
}
