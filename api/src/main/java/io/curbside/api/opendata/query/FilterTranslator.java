package io.curbside.api.opendata.query;

import io.curbside.api.opendata.query.Filter.Literal;
import io.curbside.api.opendata.query.Queryables.Queryable;
import io.curbside.api.opendata.query.Queryables.Type;
import io.curbside.geo.Bbox;
import io.curbside.geo.Wgs84;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns a {@link Filter} into a SQL condition over a whitelist of {@link Queryables}: the SQL text
 * is only Curbside's own (queryables' expressions, operators, placeholders), every literal a bound
 * value. A literal of the wrong type for its property is refused, never cast. A DATE compared with a
 * timestamp stands for that whole UTC day, written as a range so the column's index still serves.
 */
public final class FilterTranslator {

    private final Queryables queryables;
    private final boolean forEstimates;

    public FilterTranslator(Queryables queryables) {
        this(queryables, false);
    }

    private FilterTranslator(Queryables queryables, boolean forEstimates) {
        this.queryables = queryables;
        this.forEstimates = forEstimates;
    }

    /**
     * A translator whose conditions select the same rows, written for the planner's estimate of how many match rather
     * than for reading them: a bbox as PostGIS's {@code ST_Intersects}, whose statistics know where the points lie
     * (the native {@code point <@ box} that {@link #translate} writes is estimated at 0.1 % of the rows wherever it is).
     */
    public static FilterTranslator forEstimates(Queryables queryables) {
        return new FilterTranslator(queryables, true);
    }

    public SqlFragment translate(Filter filter) {
        // Java 17 has no pattern switch: the sealed Filter's cases one by one, the last one checked by the cast.
        if (filter instanceof Filter.And and) {
            return SqlFragment.and(and.operands().stream().map(this::translate).toList());
        }
        if (filter instanceof Filter.Or or) {
            return SqlFragment.or(or.operands().stream().map(this::translate).toList());
        }
        if (filter instanceof Filter.Not not) {
            return translate(not.operand()).negated();
        }
        if (filter instanceof Filter.Constant constant) {
            return new SqlFragment(constant.value() ? "TRUE" : "FALSE");
        }
        if (filter instanceof Filter.Compare compare) {
            return compare(queryable(compare.property()), compare.operator(), compare.value());
        }
        if (filter instanceof Filter.Like like) {
            return like(like);
        }
        if (filter instanceof Filter.Between between) {
            return between(between);
        }
        if (filter instanceof Filter.In in) {
            return in(in);
        }
        if (filter instanceof Filter.IsNull isNull) {
            return isNull(isNull);
        }
        return intersects((Filter.Intersects) filter);
    }

    private SqlFragment compare(Queryable q, Filter.Operator operator, Literal value) {
        if (q.type() == Type.STRING_ARRAY_CONTAINS) {
            // @> with a one-element array rather than "? = ANY(col)": a GIN index on the column serves @> and &&.
            SqlFragment contains = new SqlFragment(q.sql() + " @> ARRAY[?]::text[]", text(q, value));
            return switch (operator) {
                case EQ -> contains;
                case NE -> contains.negated();
                default -> throw refused(q, "takes only =, <>, IN and IS NULL");
            };
        }
        if (q.type() == Type.GEOMETRY) {
            throw refused(q, "is a geometry: use S_INTERSECTS");
        }
        if (q.type() == Type.BOOLEAN && operator != Filter.Operator.EQ && operator != Filter.Operator.NE) {
            throw refused(q, "is a boolean: compare it with = or <> only");
        }
        if (q.type() == Type.TIMESTAMP && value instanceof Filter.Date date) {
            SqlFragment from = new SqlFragment(q.sql() + " >= ?", startOf(date));
            SqlFragment before = new SqlFragment(q.sql() + " < ?", startOf(date, 1));
            return switch (operator) {
                case EQ -> from.and(before);
                case NE -> SqlFragment.or(List.of(new SqlFragment(q.sql() + " < ?", startOf(date)),
                        new SqlFragment(q.sql() + " >= ?", startOf(date, 1))));
                case LT -> new SqlFragment(q.sql() + " < ?", startOf(date));
                case LE -> before;
                case GT -> new SqlFragment(q.sql() + " >= ?", startOf(date, 1));
                case GE -> from;
            };
        }
        return new SqlFragment(q.sql() + " " + operator.sql() + " ?", value(q, value));
    }

    private SqlFragment like(Filter.Like like) {
        Queryable q = queryable(like.property());
        if (q.type() != Type.STRING) {
            throw refused(q, "is not a string: LIKE matches strings only");
        }
        // CQL2's LIKE escapes with a backslash, as PostgreSQL's does; said out loud so no setting can change it.
        SqlFragment match = new SqlFragment(q.sql() + " LIKE ? ESCAPE '\\'", new SqlValue.Text(like.pattern()));
        return like.negated() ? match.negated() : match;
    }

    private SqlFragment between(Filter.Between between) {
        Queryable q = queryable(between.property());
        if (q.type() != Type.NUMBER && q.type() != Type.TIMESTAMP && q.type() != Type.STRING) {
            throw refused(q, "cannot be compared with BETWEEN");
        }
        SqlFragment range = compare(q, Filter.Operator.GE, between.low()).and(compare(q, Filter.Operator.LE, between.high()));
        return between.negated() ? range.negated() : range;
    }

    private SqlFragment in(Filter.In in) {
        Queryable q = queryable(in.property());
        SqlFragment any;
        if (q.type() == Type.STRING_ARRAY_CONTAINS) {
            List<SqlValue> values = in.values().stream().map(v -> (SqlValue) text(q, v)).toList();
            any = new SqlFragment(q.sql() + " && ARRAY[" + placeholders(values.size()) + "]::text[]", values);
        } else if (q.type() == Type.TIMESTAMP && in.values().stream().anyMatch(Filter.Date.class::isInstance)) {
            any = SqlFragment.or(in.values().stream().map(v -> compare(q, Filter.Operator.EQ, v)).toList());
        } else {
            if (q.type() == Type.GEOMETRY) {
                throw refused(q, "is a geometry: use S_INTERSECTS");
            }
            List<SqlValue> values = in.values().stream().map(v -> value(q, v)).toList();
            any = new SqlFragment(q.sql() + " IN (" + placeholders(values.size()) + ")", values);
        }
        return in.negated() ? any.negated() : any;
    }

    private SqlFragment isNull(Filter.IsNull isNull) {
        Queryable q = queryable(isNull.property());
        SqlFragment missing = q.type() == Type.STRING_ARRAY_CONTAINS
                ? new SqlFragment("coalesce(cardinality(" + q.sql() + "), 0) = 0")
                : new SqlFragment(q.sql() + " IS NULL");
        return isNull.negated() ? missing.negated() : missing;
    }

    private SqlFragment intersects(Filter.Intersects intersects) {
        Queryable q = queryable(intersects.property());
        if (q.type() != Type.GEOMETRY) {
            throw refused(q, "is not a geometry: S_INTERSECTS needs one");
        }
        if (intersects.shape() instanceof Filter.Envelope envelope) {
            return forEstimates ? envelope(q.sql(), envelope.box()) : pointInBox(q.sql(), envelope.box());
        }
        return new SqlFragment("ST_Intersects(" + q.sql() + ", ST_GeomFromText(?, 4326))",
                new SqlValue.Text(wkt((Filter.Polygon) intersects.shape())));
    }

    /**
     * The bbox as PostgreSQL's own {@code point <@ box}, on the point the geometry column holds (a GEOMETRY queryable
     * is a point). For a point it holds exactly when {@code ST_Intersects} with the envelope does: both compare the
     * doubles exactly, edges included (PostgreSQL's other geometric operators are fuzzy, {@code on_pb} is not). V25's
     * GiST index on {@code point(location)} answers it from the index alone, which PostGIS's index of boxes cannot.
     */
    static SqlFragment pointInBox(String column, Bbox box) {
        return new SqlFragment("point(" + column + ") <@ box(point(?, ?), point(?, ?))",
                new SqlValue.Real(box.minLon()), new SqlValue.Real(box.minLat()),
                new SqlValue.Real(box.maxLon()), new SqlValue.Real(box.maxLat()));
    }

    /** The bbox as an envelope in WGS84, which a GiST index on the column answers. */
    static SqlFragment envelope(String column, Bbox box) {
        return new SqlFragment("ST_Intersects(" + column + ", ST_MakeEnvelope(?, ?, ?, ?, 4326))",
                new SqlValue.Real(box.minLon()), new SqlValue.Real(box.minLat()),
                new SqlValue.Real(box.maxLon()), new SqlValue.Real(box.maxLat()));
    }

    /** The polygon as WKT Curbside writes itself, after JTS found it valid: GEOS may throw on an invalid one. */
    private static String wkt(Filter.Polygon polygon) {
        List<LinearRing> rings = new ArrayList<>();
        for (List<double[]> ring : polygon.rings()) {
            rings.add(Wgs84.FACTORY.createLinearRing(ring.stream()
                    .map(p -> new Coordinate(p[0], p[1])).toArray(Coordinate[]::new)));
        }
        Polygon shape = Wgs84.FACTORY.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
        TopologyValidationError error = new IsValidOp(shape).getValidationError();
        if (error != null) {
            throw QueryProblems.filter("the POLYGON is not valid: " + error.getMessage().toLowerCase(Locale.ROOT)
                    + " near " + error.getCoordinate().x + " " + error.getCoordinate().y);
        }
        return polygon.rings().stream()
                .map(ring -> ring.stream().map(p -> plain(p[0]) + " " + plain(p[1])).collect(Collectors.joining(", ", "(", ")")))
                .collect(Collectors.joining(", ", "POLYGON(", ")"));
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private SqlValue value(Queryable q, Literal literal) {
        return switch (q.type()) {
            case STRING, STRING_ARRAY_CONTAINS -> text(q, literal);
            case NUMBER -> {
                if (literal instanceof Filter.Number n) {
                    yield new SqlValue.Decimal(n.value());
                }
                throw mismatch(q, literal, "a number");
            }
            case BOOLEAN -> {
                if (literal instanceof Filter.Bool b) {
                    yield new SqlValue.Bool(b.value());
                }
                throw mismatch(q, literal, "TRUE or FALSE");
            }
            case TIMESTAMP -> {
                if (literal instanceof Filter.Timestamp t) {
                    yield new SqlValue.Timestamp(t.value());
                }
                if (literal instanceof Filter.Date d) {
                    yield startOf(d);
                }
                throw mismatch(q, literal, "TIMESTAMP('...') or DATE('...')");
            }
            case GEOMETRY -> throw refused(q, "is a geometry: use S_INTERSECTS");
        };
    }

    private SqlValue.Text text(Queryable q, Literal literal) {
        if (literal instanceof Filter.Text t) {
            return new SqlValue.Text(t.value());
        }
        throw mismatch(q, literal, "a 'quoted string'");
    }

    private static SqlValue.Timestamp startOf(Filter.Date date) {
        return startOf(date, 0);
    }

    private static SqlValue.Timestamp startOf(Filter.Date date, int daysLater) {
        Instant start = date.value().plusDays(daysLater).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new SqlValue.Timestamp(start);
    }

    private Queryable queryable(String name) {
        return queryables.find(name).orElseThrow(() -> QueryProblems.filter("\"" + name + "\" is not a queryable property; "
                + "the queryables are " + queryables.all().stream().map(Queryable::name).collect(Collectors.joining(", "))));
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static RuntimeException mismatch(Queryable q, Literal literal, String expected) {
        return QueryProblems.filter("\"" + q.name() + "\" is compared with " + literal.kind() + ", but it takes " + expected);
    }

    private static RuntimeException refused(Queryable q, String why) {
        return QueryProblems.filter("\"" + q.name() + "\" " + why);
    }
}
