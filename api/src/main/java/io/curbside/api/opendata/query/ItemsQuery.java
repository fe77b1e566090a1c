package io.curbside.api.opendata.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One page of items to read: the condition (every parameter's, and the cursor's, ANDed), the sort
 * and how many. A route reads {@code SELECT ... WHERE where ORDER BY orderBy LIMIT limit}; read
 * {@code limit + 1} rows to learn whether another page follows. When {@link #backwards()} the rows
 * come newest first, and the route turns them round before answering. {@code forEstimate} is the same condition
 * as the planner estimates it best (see {@link FilterTranslator#forEstimates}): for {@code EXPLAIN}, never for rows.
 */
public record ItemsQuery(SqlFragment where, String orderBy, int limit, Optional<PageCursor> cursor, SqlFragment forEstimate) {

    public boolean backwards() {
        return cursor.map(c -> c.direction() == PageCursor.Direction.BEFORE).orElse(false);
    }

    /** The condition and order with the limit bound too: {@code WHERE ... ORDER BY ... LIMIT ?}. */
    public SqlFragment whereOrderLimit(int rows) {
        List<SqlValue> values = new ArrayList<>(where.values());
        values.add(new SqlValue.WholeNumber(rows));
        return new SqlFragment("WHERE " + where.sql() + " ORDER BY " + orderBy + " LIMIT ?", values);
    }
}
