package io.curbside.api.opendata.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL with {@code ?} placeholders and the values for them, in order: a WHERE condition
 * built from the caller's input without a single character of that input in the SQL text.
 */
public record SqlFragment(String sql, List<SqlValue> values) {

    /** The condition that holds for every row: what no filter at all means. */
    public static final SqlFragment ALWAYS = new SqlFragment("TRUE", List.of());

    public SqlFragment {
        values = List.copyOf(values);
        long placeholders = sql.chars().filter(c -> c == '?').count();
        if (placeholders != values.size()) {
            throw new IllegalArgumentException(placeholders + " placeholders but " + values.size() + " values in " + sql);
        }
    }

    public SqlFragment(String sql, SqlValue... values) {
        this(sql, List.of(values));
    }

    /** All of the conditions, each in parentheses; {@link #ALWAYS} for none. */
    public static SqlFragment and(List<SqlFragment> parts) {
        List<SqlFragment> kept = parts.stream().filter(p -> !p.equals(ALWAYS)).toList();
        return kept.isEmpty() ? ALWAYS : join(kept, " AND ");
    }

    /** One of the conditions (at least one is needed). */
    public static SqlFragment or(List<SqlFragment> parts) {
        return join(parts, " OR ");
    }

    public SqlFragment and(SqlFragment other) {
        return and(List.of(this, other));
    }

    public SqlFragment negated() {
        return new SqlFragment("NOT (" + sql + ")", values);
    }

    private static SqlFragment join(List<SqlFragment> parts, String operator) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        StringBuilder sql = new StringBuilder();
        List<SqlValue> values = new ArrayList<>();
        for (SqlFragment part : parts) {
            if (!sql.isEmpty()) {
                sql.append(operator);
            }
            sql.append('(').append(part.sql).append(')');
            values.addAll(part.values);
        }
        return new SqlFragment(sql.toString(), values);
    }
}
