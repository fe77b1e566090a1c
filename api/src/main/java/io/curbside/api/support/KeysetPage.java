package io.curbside.api.support;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One page of a keyset-paged list: its rows, and the cursor of the next page (null on the last).
 * The page is read one row longer than it is shown: that row tells a next page exists, without
 * a count.
 */
public record KeysetPage<T>(List<T> rows, String nextCursor) {

    /**
     * Reads a page of at most {@code limit} rows. {@code read} reads the number of rows it is
     * given, in the list's order after the caller's cursor; {@code key} is a row's key, which the
     * next page starts after.
     */
    public static <T> KeysetPage<T> read(int limit, IntFunction<List<T>> read, Function<? super T, ?> key) {
        List<T> rows = read.apply(limit + 1);
        if (rows.size() <= limit) {
            return new KeysetPage<>(rows, null);
        }
        return new KeysetPage<>(rows.subList(0, limit), PageCursor.of(key.apply(rows.get(limit - 1))));
    }
}
