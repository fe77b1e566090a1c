package io.curbside.api.support;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KeysetPageTest {

    /** A list of ids 10, 20, ... 10 * size, read as a repository would: at most the rows asked for. */
    private static KeysetPage<Integer> page(int size, int limit) {
        List<Integer> ids = IntStream.rangeClosed(1, size).map(i -> i * 10).boxed().toList();
        return KeysetPage.read(limit, rows -> {
            assertEquals(limit + 1, rows, "one row more than the page, to tell whether another follows");
            return ids.subList(0, Math.min(rows, ids.size()));
        }, id -> id);
    }

    @Test
    void aListThatFitsHasNoNextPage() {
        assertEquals(List.of(10, 20, 30), page(3, 3).rows());
        assertNull(page(3, 3).nextCursor());
        assertNull(page(0, 3).nextCursor());
    }

    @Test
    void aLongerListStopsAtTheLimitAndContinuesAfterItsLastRow() {
        KeysetPage<Integer> first = page(4, 3);
        assertEquals(List.of(10, 20, 30), first.rows());
        assertEquals("30", PageCursor.parse(first.nextCursor()).key());
    }
}
